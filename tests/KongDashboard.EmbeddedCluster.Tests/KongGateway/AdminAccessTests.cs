using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.EmbeddedCluster.KongGateway.Access;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

/// <summary>A hardened Admin API: Host check, Kong Enterprise RBAC's token, https with the cluster's CA, client certificates.</summary>
public sealed class AdminAccessTests
{
    [Fact]
    public async Task A_request_for_another_host_gets_nginx_400_page_and_its_own_addresses_pass()
    {
        await using var gw = await Gateway.StartAsync();
        var port = gw.Kong.AdminAddress.Port;

        var own = await GetWithHostAsync(gw.Http, $"{gw.Kong.AdminAddress.Host}:{port}");
        var localhost = await GetWithHostAsync(gw.Http, $"localhost:{port}");
        var rebound = await GetWithHostAsync(gw.Http, $"attacker.example.com:{port}");
        var otherPort = await GetWithHostAsync(gw.Http, $"{gw.Kong.AdminAddress.Host}:{port + 1}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, localhost.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        Assert.Equal("text/html", rebound.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<center><h1>400 Bad Request</h1></center>", await rebound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherPort.StatusCode);
    }

    [Fact]
    public async Task The_host_check_can_be_turned_off()
    {
        await using var gw = await Gateway.StartAsync(new KongGatewayOptions { CheckHost = false });

        var response = await GetWithHostAsync(gw.Http, "attacker.example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_the_admin_token_every_endpoint_answers_401_like_kong_enterprise_rbac()
    {
        await using var gw = await Gateway.StartAsync(new KongGatewayOptions { Security = new KongAdminSecurity { Token = "s3cret-token" } });

        var missing = await gw.Http.GetAsync("/status");
        var wrong = await SendAsync(gw.Http, HttpMethod.Get, "/status", token: "s3cret-tokeN");
        var push = await gw.PostConfigAsync(Configs.ServiceWithRoute());
        var right = await SendAsync(gw.Http, HttpMethod.Get, "/status", token: "s3cret-token");

        foreach (var refused in new[] { missing, wrong, push })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("""{"message":"Invalid RBAC credentials"}""", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("00000000000000000000000000000000", gw.Kong.ConfigurationHash); // the refused push loaded nothing
    }

    [Fact]
    public async Task The_fleet_serves_https_with_its_ca_and_requires_the_client_certificate_and_token_it_hands_out()
    {
        await using var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions
        {
            KongAdmin = new KongAdminHardening { RequireToken = true, Https = true, RequireClientCertificate = true },
            Simulation = null,
        });
        var fleet = server.KongGateways!;
        var access = fleet.Access;
        await Eventually.HoldsAsync(() => fleet.Gateways.Count > 0, because: "a Kong gateway pod starts its Admin API");
        var (pod, gateway) = fleet.Gateways.First();

        Assert.True(access.Https);
        Assert.NotNull(access.Token);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", access.CaCertificatePem, StringComparison.Ordinal);
        Assert.True(access.ClientCertificate!.HasPrivateKey);
        Assert.DoesNotContain(access.Token!, access.ToString(), StringComparison.Ordinal);
        Assert.Equal("https", gateway.AdminAddress.Scheme);

        using var trusted = Client(gateway.AdminAddress, access.CaCertificatePem!, access.ClientCertificate);
        using var noCertificate = Client(gateway.AdminAddress, access.CaCertificatePem!, null);
        using var foreignCa = new KongAdminAuthority();
        using var foreignClient = foreignCa.IssueClient("intruder");
        using var otherCa = Client(gateway.AdminAddress, access.CaCertificatePem!, foreignClient);

        var ok = await SendAsync(trusted, HttpMethod.Get, "/status", access.Token);
        var noToken = await trusted.GetAsync("/status");
        var missingCertificate = await SendAsync(noCertificate, HttpMethod.Get, "/status", access.Token);
        var wrongCertificate = await SendAsync(otherCa, HttpMethod.Get, "/status", access.Token);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingCertificate.StatusCode);
        Assert.Contains("No required SSL certificate was sent", await missingCertificate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongCertificate.StatusCode);
        Assert.Contains("The SSL certificate error", await wrongCertificate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // the cluster's fault switch reaches this pod's gateway: Kong busy loading another configuration
        server.Faults.KongConfigBusy(gateway: name => pod.EndsWith("/" + name, StringComparison.Ordinal));
        var busy = await SendAsync(trusted, HttpMethod.Post, "/config", access.Token, Configs.ServiceWithRoute().ToJsonString());
        Assert.Equal((HttpStatusCode)429, busy.StatusCode);
        Assert.Equal("1", busy.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Https_and_client_certificate_settings_that_cannot_work_are_refused_with_a_reason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions
        {
            Seed = false,
            KongAdmin = new KongAdminHardening { RequireClientCertificate = true },
        }));

        Assert.Contains("needs Https", error.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> GetWithHostAsync(HttpClient http, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Host = host;
        return http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Add("Kong-Admin-Token", token);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return http.SendAsync(request);
    }

    /// <summary>An HttpClient that trusts only the cluster's CA (no skip-verify) and presents <paramref name="clientCertificate"/>.</summary>
    private static HttpClient Client(Uri address, string caPem, X509Certificate2? clientCertificate)
    {
        var ca = X509Certificate2.CreateFromPem(caPem);
        var handler = new HttpClientHandler
        {
            ClientCertificateOptions = ClientCertificateOption.Manual,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        if (clientCertificate is not null)
        {
            handler.ClientCertificates.Add(clientCertificate);
        }
        return new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }
}
