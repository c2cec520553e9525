using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using KongDashboard.Core.Cluster;
using Refit;

namespace KongDashboard.Core.Sync;

/// <summary>
/// Creates the typed Admin API client for one gateway (KIC internal/adminapi/kong.go: makeHTTPClient): the push timeout
/// per request, TLS verification against the configured CA bundle and name, the mTLS client certificate, and the
/// Kong-Admin-Token header.
/// </summary>
public static class KongAdminClients
{
    /// <summary>KIC's adminapi.HeaderNameAdminToken (kong.go:129).</summary>
    public const string AdminTokenHeader = "Kong-Admin-Token";

    public static IKongAdminApi Create(GatewayEndpoint endpoint, KongSyncOptions options, Func<ClusterSnapshot>? snapshot = null) =>
        RestService.For<IKongAdminApi>(CreateHttpClient(endpoint, options, snapshot));

    /// <summary>The same HTTP client untyped (DB mode's entity calls).</summary>
    public static HttpClient CreateHttpClient(GatewayEndpoint endpoint, KongSyncOptions options, Func<ClusterSnapshot>? snapshot = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        ConfigureTls(handler.SslOptions, endpoint, options);
        HttpMessageHandler pipeline = handler;
        if (options.Access.HasToken)
        {
            var access = options.Access;
            var current = snapshot ?? (() => ClusterSnapshot.Empty);
            pipeline = new AdminTokenStamp(() => access.CurrentToken(current())) { InnerHandler = pipeline };
        }

        if (options.UserAgentComment is { } comment)
        {
            pipeline = new UserAgentStamp(comment) { InnerHandler = pipeline };
        }

        var http = new HttpClient(pipeline) { BaseAddress = endpoint.AdminUrl, Timeout = options.Timeout };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("kong-dashboard", "1.0"));
        return http;
    }

    private static void ConfigureTls(SslClientAuthenticationOptions ssl, GatewayEndpoint endpoint, KongSyncOptions options)
    {
        var access = options.Access;
        // SNI and the name checked: the configured one, else discovery's pod.<service>.<namespace>.svc (endpoints.go:192).
        if ((access.TlsServerName ?? endpoint.TlsServerName) is { Length: > 0 } serverName)
        {
            ssl.TargetHost = serverName;
        }

        if (access.LoadClientCertificate() is { } clientCertificate)
        {
            ssl.ClientCertificates = [clientCertificate];
        }

        if (options.TlsSkipVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            return;
        }

        if (access.LoadCaCertificates() is { } roots)
        {
            // Only the configured CAs are trusted, as KIC sets tls.Config.RootCAs (kong.go:146-166).
            ssl.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            ssl.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }
    }
}

/// <summary>Adds the Admin API token to every request; the value is read per request and never logged.</summary>
internal sealed class AdminTokenStamp(Func<string?> token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(KongAdminClients.AdminTokenHeader);
        if (token() is { Length: > 0 } value)
        {
            request.Headers.TryAddWithoutValidation(KongAdminClients.AdminTokenHeader, value);
        }

        return base.SendAsync(request, cancellationToken);
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
