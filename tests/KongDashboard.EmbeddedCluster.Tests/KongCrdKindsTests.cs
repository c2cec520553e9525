using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>The embedded API server serves KIC 3.5's other CRDs (TCPIngress, KongIngress, KongConsumerGroup, KongVault, …).</summary>
public sealed class KongCrdKindsTests : IClassFixture<ServerFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kongcrd-tests-").FullName;
    private readonly Kubectl _kubectl;
    private readonly ServerFixture _fixture;

    public KongCrdKindsTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _kubectl = new Kubectl(fixture.Server.WriteKubeconfig(Path.Combine(_dir, "kubeconfig")), Path.Combine(_dir, "cache"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Kubectl_applies_and_lists_the_other_kong_crds_by_name_and_short_name()
    {
        var ns = _fixture.NewNamespace("kongcrd");
        var vault = "vault-" + ns;
        var file = Path.Combine(_dir, "crds.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: configuration.konghq.com/v1beta1
            kind: TCPIngress
            metadata: {"{"}name: db, namespace: {ns}, annotations: {"{"}kubernetes.io/ingress.class: kong{"}"}{"}"}
            spec:
              rules: [{"{"}port: 9000, backend: {"{"}serviceName: db, servicePort: 5432{"}"}{"}"}]
            ---
            apiVersion: configuration.konghq.com/v1
            kind: KongIngress
            metadata: {"{"}name: sticky, namespace: {ns}{"}"}
            upstream: {"{"}hash_on: ip{"}"}
            ---
            apiVersion: configuration.konghq.com/v1beta1
            kind: KongConsumerGroup
            metadata: {"{"}name: gold, namespace: {ns}{"}"}
            ---
            apiVersion: configuration.konghq.com/v1alpha1
            kind: KongVault
            metadata: {"{"}name: {vault}{"}"}
            spec: {"{"}backend: env, prefix: {vault}{"}"}
            """);

        Assert.Contains("created", await _kubectl.OkAsync("apply", "-f", file));
        Assert.Contains("db", await _kubectl.OkAsync("get", "tcpingresses", "-n", ns));
        Assert.Contains("sticky", await _kubectl.OkAsync("get", "ki", "-n", ns));
        Assert.Contains("gold", await _kubectl.OkAsync("get", "kcg", "-n", ns));
        Assert.Contains(vault, await _kubectl.OkAsync("get", "kongvaults"));
        Assert.DoesNotContain("db", await _kubectl.OkAsync("get", "udpingresses,kongcustomentities,kongservicefacades", "-n", ns));
    }
}
