using System.Net.Http.Headers;
using Refit;

namespace KongDashboard.Core.Sync;

/// <summary>Creates the typed Admin API client for one gateway, with the push timeout applied per request.</summary>
public static class KongAdminClients
{
    public static IKongAdminApi Create(GatewayEndpoint endpoint, KongSyncOptions options)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (options.TlsSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        var http = new HttpClient(handler) { BaseAddress = endpoint.AdminUrl, Timeout = options.Timeout };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("kong-dashboard", "1.0"));
        return RestService.For<IKongAdminApi>(http);
    }
}
