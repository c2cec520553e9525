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

        HttpMessageHandler pipeline = options.UserAgentComment is { } comment ? new UserAgentStamp(comment) { InnerHandler = handler } : handler;
        var http = new HttpClient(pipeline) { BaseAddress = endpoint.AdminUrl, Timeout = options.Timeout };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("kong-dashboard", "1.0"));
        return RestService.For<IKongAdminApi>(http);
    }
}

/// <summary>Stamps each request's User-Agent with who sends it and in which leadership term, so gateways can tell terms apart.</summary>
internal sealed class UserAgentStamp(Func<string> comment) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", $"kong-dashboard/1.0 ({comment()})");
        return base.SendAsync(request, cancellationToken);
    }
}
