using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Crds;
using KongDashboard.EmbeddedCluster.Seed;
using KongDashboard.EmbeddedCluster.Store;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>KIC 3.5's CRD schemas served like a real API server: kubectl explain reads them, strict apply enforces them.</summary>
public sealed class CrdSchemaTests : IClassFixture<ServerFixture>, IDisposable
{
    private readonly ServerFixture _fixture;
    private readonly string _dir = Directory.CreateTempSubdirectory("crd-schema-tests-").FullName;
    private readonly Kubectl _kubectl;

    public CrdSchemaTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _kubectl = new Kubectl(fixture.Server.WriteKubeconfig(Path.Combine(_dir, "kubeconfig")), Path.Combine(_dir, "cache"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_custom_kind_the_cluster_serves_has_its_crd_schema()
    {
        var registry = new ResourceKindRegistry();
        string[] kinds =
        [
            "KongPlugin", "KongClusterPlugin", "KongConsumer", "KongUpstreamPolicy", "IngressClassParameters", "KongIngress",
            "TCPIngress", "UDPIngress", "KongConsumerGroup", "KongVault", "KongCustomEntity", "KongServiceFacade",
        ];
        Assert.All(kinds, k => Assert.NotNull(CrdSchemas.For(registry[k])));
        Assert.Equal(kinds.Order(StringComparer.Ordinal), CrdSchemas.All.Select(k => k.Kind).Order(StringComparer.Ordinal));
        Assert.Null(CrdSchemas.For(registry["Ingress"])); // built-ins have none
    }

    [Fact]
    public async Task Kubectl_explain_shows_the_crd_field_descriptions()
    {
        var config = await _kubectl.OkAsync("explain", "kongplugin.config");
        Assert.Contains("KIND:       KongPlugin", config, StringComparison.Ordinal);
        Assert.Contains("FIELD: config", config, StringComparison.Ordinal);
        Assert.Contains("Config contains the plugin configuration.", config, StringComparison.Ordinal);

        var rules = await _kubectl.OkAsync("explain", "tcpingress.spec.rules");
        Assert.Contains("backend", rules, StringComparison.Ordinal);
        Assert.Contains("port", rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_apply_refuses_an_unknown_field_and_warn_drops_it()
    {
        var ns = _fixture.NewNamespace("strict");
        var file = Path.Combine(_dir, "plugin.yaml");
        await File.WriteAllTextAsync(file, PluginYaml(ns, "typo", "    plugin: rate-limiting\n    configg:\n      minute: 5\n"));
        var refused = await _kubectl.RunAsync("apply", "--validate=strict", "-f", file);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("KongPlugin in version \"v1\" cannot be handled as a KongPlugin: strict decoding error: unknown field \"configg\"", refused.Output, StringComparison.Ordinal);
        Assert.Null(_fixture.Server.Store.TryGet("KongPlugin", ns, "typo"));

        // Positive control: the same object without the misspelt field is created.
        await File.WriteAllTextAsync(file, PluginYaml(ns, "typo", "    plugin: rate-limiting\n    config:\n      minute: 5\n"));
        Assert.Contains("created", await _kubectl.OkAsync("apply", "--validate=strict", "-f", file), StringComparison.Ordinal);

        // Nested: an undeclared field inside a list item, kept out under Warn with a warning naming its path.
        var tcp = Path.Combine(_dir, "tcp.yaml");
        await File.WriteAllTextAsync(tcp, $"""
            apiVersion: configuration.konghq.com/v1beta1
            kind: TCPIngress
            metadata: {"{"}name: echo, namespace: {ns}{"}"}
            spec:
              rules:
              - port: 9000
                backend: {"{"}serviceName: echo, servicePort: 80, weight: 3{"}"}
            """);
        var warned = await _kubectl.RunAsync("apply", "--validate=warn", "-f", tcp);
        Assert.Equal(0, warned.ExitCode);
        Assert.Contains("unknown field \"spec.rules[0].backend.weight\"", warned.Output, StringComparison.Ordinal);
        var stored = _fixture.Server.Store.Get("TCPIngress", ns, "echo");
        Assert.Equal(80, stored["spec"]!["rules"]![0]!["backend"]!["servicePort"].AsInt());
        Assert.Null(stored["spec"]!["rules"]![0]!["backend"]!["weight"]);
    }

    [Fact]
    public void The_seeds_custom_resources_declare_only_schema_fields()
    {
        var registry = new ResourceKindRegistry();
        var meta = new HashSet<string> { "name", "namespace", "labels", "annotations" };
        var checkedKinds = new HashSet<string>();
        foreach (var doc in DemoSeed.Documents())
        {
            var kind = registry.FindByApiVersion(doc["apiVersion"]!.ToString(), doc["kind"]!.ToString())!;
            if (CrdSchemas.For(kind) is not { } schema)
            {
                continue;
            }
            checkedKinds.Add(kind.Kind);
            Assert.Empty(CrdUnknownFields.Prune(schema, (JsonObject)doc.DeepClone(), meta));
        }
        Assert.Superset(new HashSet<string> { "KongPlugin", "KongClusterPlugin", "TCPIngress", "KongConsumer", "KongConsumerGroup", "KongIngress" }, checkedKinds);

        // Positive control: the same check finds a misplaced field in a seeded object.
        var tcp = DemoSeed.Documents().First(d => d["kind"]!.ToString() == "TCPIngress");
        tcp["spec"]!["rules"]![0]!["backend"]!["weight"] = 3;
        Assert.Equal(["spec.rules[0].backend.weight"], CrdUnknownFields.Prune(CrdSchemas.For(registry.FindByApiVersion("configuration.konghq.com/v1beta1", "TCPIngress")!)!, tcp, meta));
    }

    private static string PluginYaml(string ns, string name, string body) =>
        $"apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: {name}\n  namespace: {ns}\n" + string.Join('\n', body.Split('\n').Select(l => l.Length >= 4 ? l[4..] : l));
}
