using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>The embedded API server serves the Gateway API kinds, seeded with the demo's Gateway and routes.</summary>
public sealed class GatewayApiKindsTests : IClassFixture<ServerFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gatewayapi-tests-").FullName;
    private readonly Kubectl _kubectl;
    private readonly ServerFixture _fixture;

    public GatewayApiKindsTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _kubectl = new Kubectl(fixture.Server.WriteKubeconfig(Path.Combine(_dir, "kubeconfig")), Path.Combine(_dir, "cache"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Kubectl_lists_the_seeded_gateway_api_objects_and_applies_new_ones()
    {
        var routes = await _kubectl.OkAsync("get", "httproutes", "-A");
        Assert.Matches(@"shop\s+storefront-canary", routes);
        Assert.Matches(@"media\s+broken-mirror", routes);
        Assert.Contains("kong", await _kubectl.OkAsync("get", "gatewayclasses"));
        Assert.Matches(@"kong\s+kong", await _kubectl.OkAsync("get", "gateways", "-A"));
        Assert.Contains("shop-routes-to-payments", await _kubectl.OkAsync("get", "referencegrants", "-n", "payments"));
        Assert.Contains("thumbnails", await _kubectl.OkAsync("get", "grpcroutes", "-n", "media"));
        Assert.Contains("admin-tcp", await _kubectl.OkAsync("get", "tcproutes", "-n", "internal"));

        var ns = _fixture.NewNamespace("gwapi");
        var file = Path.Combine(_dir, "route.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: UDPRoute
            metadata:
              name: dns
              namespace: {ns}
            spec:
              rules:
              - backendRefs: [{"{"}name: dns, kind: Service, port: 53{"}"}]
            """);
        Assert.Contains("udproute.gateway.networking.k8s.io/dns created", await _kubectl.OkAsync("apply", "-f", file));
        Assert.Contains("dns", await _kubectl.OkAsync("get", "udproutes", "-n", ns));
    }
}
