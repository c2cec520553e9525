using System.Net.Http.Headers;

namespace KongDashboard.EmbeddedCluster.Tests.TestSupport;

/// <summary>A plain HttpClient for wire-level checks: trusts exactly the server's certificate, optionally sends its token.</summary>
internal static class RawHttp
{
    public static HttpClient For(EmbeddedApiServer server, bool withToken = true)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == server.Certificate.Thumbprint,
        };
        var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        if (withToken)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        }

        return http;
    }
}
