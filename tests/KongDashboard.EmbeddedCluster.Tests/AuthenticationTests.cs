using System.Net;
using System.Net.Http.Headers;
using k8s;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>
/// The embedded API server wants its per-start bearer token and a loopback Host; the kubeconfig it writes carries the
/// token so kubectl and a kubeconfig-built client work unchanged.
/// </summary>
public sealed class AuthenticationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string UnauthorizedBody =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";

    [Fact]
    public async Task Requests_without_or_with_a_wrong_token_get_the_real_401_Status()
    {
        using var authorized = RawHttp.For(fixture.Server);
        Assert.Equal(HttpStatusCode.OK, (await authorized.GetAsync("/api/v1/namespaces")).StatusCode); // positive control
        using var http = RawHttp.For(fixture.Server, withToken: false);

        var anonymous = await http.GetAsync("/api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(UnauthorizedBody, await anonymous.Content.ReadAsStringAsync());

        var wrongToken = fixture.Server.ClientConfiguration();
        wrongToken.AccessToken = "not-the-token";
        using var wrong = new Kubernetes(wrongToken);
        var failure = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => wrong.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, failure.Response.StatusCode);
        Assert.Equal(UnauthorizedBody, failure.Response.Content);
        Assert.NotEmpty((await fixture.Client.CoreV1.ListNamespaceAsync()).Items);
    }

    [Fact]
    public async Task A_foreign_Host_header_is_refused_even_with_the_token()
    {
        using var http = RawHttp.For(fixture.Server, withToken: false);
        foreach (var (host, expected) in new[] { ("localhost", HttpStatusCode.OK), ("attacker.example", HttpStatusCode.Forbidden) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Server.Token);
            request.Headers.Host = $"{host}:{fixture.Server.BaseAddress.Port}";
            var response = await http.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
            if (expected == HttpStatusCode.Forbidden)
            {
                Assert.Contains("host \\\"attacker.example\\\" is not allowed", await response.Content.ReadAsStringAsync());
            }
        }
    }

    [Fact]
    public async Task The_server_speaks_only_TLS_with_its_own_certificate()
    {
        Assert.Equal("https", fixture.Server.BaseAddress.Scheme);
        using var untrusting = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("/healthz"));
        using var trusting = RawHttp.For(fixture.Server, withToken: false);
        Assert.Equal("ok", await trusting.GetStringAsync("/healthz")); // health probes are anonymous, as on a real cluster
    }

    [Fact]
    public async Task The_written_kubeconfig_carries_the_token_for_kubectl_and_the_client()
    {
        var dir = Directory.CreateTempSubdirectory("auth-tests-").FullName;
        try
        {
            var path = fixture.Server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
            Assert.Contains($"token: {fixture.Server.Token}", await File.ReadAllTextAsync(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
            Assert.Contains((await client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "kong");

            var kubectl = new Kubectl(path, Path.Combine(dir, "cache"));
            Assert.Contains("kong", await kubectl.OkAsync("get", "namespaces", "-o", "name"));
            // Another start's token no longer opens this server: the token is per start.
            await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace(fixture.Server.Token, "wrong-token-from-another-start"));
            var refused = await kubectl.RunAsync("get", "namespaces");
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("Unauthorized", refused.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
