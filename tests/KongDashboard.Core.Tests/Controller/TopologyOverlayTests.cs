using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>
/// deploy/overlays render with the real kustomize (kubectl kustomize) into the three topologies README "Topologies"
/// describes, and none of them changes the RBAC that RbacTests checks in the base.
/// </summary>
public sealed class TopologyOverlayTests
{
    private static readonly string[] RbacKinds = ["ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

    [Fact]
    public async Task Gateway_discovery_is_the_base_as_is()
    {
        var baseRender = await RenderAsync("deploy");
        var overlay = await RenderAsync("deploy/overlays/gateway-discovery");

        Assert.NotNull(Find(baseRender, "Service", "kong-admin")); // the base discovers gateways through this Service
        Assert.Equal(Canonical(baseRender), Canonical(overlay));
    }

    [Fact]
    public async Task Sidecar_runs_one_kong_per_dashboard_pod_and_no_separate_gateway()
    {
        var baseRender = await RenderAsync("deploy");
        var sidecar = await RenderAsync("deploy/overlays/sidecar");

        // Positive control: the base has the separate gateways and the discovery settings the overlay removes.
        Assert.NotNull(Find(baseRender, "Service", "kong-admin"));
        Assert.NotNull(Find(baseRender, "Deployment", "kong-gateway"));
        Assert.Equal("kong/kong-admin", Env(Container(baseRender, "kong-dashboard", "dashboard"), "Kong__AdminService"));

        Assert.Null(Find(sidecar, "Service", "kong-admin"));
        Assert.Null(Find(sidecar, "Deployment", "kong-gateway"));
        Assert.Null(Find(sidecar, "HorizontalPodAutoscaler", "kong-gateway"));

        var dashboard = Container(sidecar, "kong-dashboard", "dashboard");
        Assert.Equal("http://localhost:8001", Env(dashboard, "Kong__AdminUrls"));
        Assert.Null(Env(dashboard, "Kong__AdminService"));
        Assert.Null(Env(dashboard, "Kong__Database")); // with static URLs and no database: no leader election

        var kong = Container(sidecar, "kong-dashboard", "kong");
        Assert.Equal("kong:3.9", Scalar(kong, "image"));
        Assert.Equal("off", Env(kong, "KONG_DATABASE"));
        Assert.Equal("127.0.0.1:8001", Env(kong, "KONG_ADMIN_LISTEN"));
        Assert.NotNull(Child(kong, "readinessProbe"));
        Assert.Equal("true", Scalar((YamlMappingNode)Child(kong, "securityContext")!, "readOnlyRootFilesystem"));

        var proxySelector = (YamlMappingNode)Path(Find(sidecar, "Service", "kong-proxy")!, "spec", "selector")!;
        Assert.Equal("kong-dashboard", Scalar(proxySelector, "app.kubernetes.io/name"));
        Assert.Single(proxySelector.Children);

        AssertRbacUnchanged(baseRender, sidecar);
    }

    [Fact]
    public async Task Db_mode_runs_kong_on_postgres_with_migrations_and_the_password_from_a_secret()
    {
        var baseRender = await RenderAsync("deploy");
        var db = await RenderAsync("deploy/overlays/db");

        Assert.Equal("off", Env(Container(baseRender, "kong-gateway", "proxy"), "KONG_DATABASE")); // positive control
        Assert.Equal("postgres", Env(Container(db, "kong-gateway", "proxy"), "KONG_DATABASE"));
        Assert.Equal("kong-postgres", Env(Container(db, "kong-gateway", "proxy"), "KONG_PG_HOST"));
        Assert.Equal("postgres", Env(Container(db, "kong-dashboard", "dashboard"), "Kong__Database"));

        var migrations = db.Where(d => Kind(d) == "Job")
            .SelectMany(Containers)
            .Where(c => Child(c, "command") is YamlSequenceNode command
                && string.Join(' ', command.Select(a => ((YamlScalarNode)a).Value)).Contains("kong migrations bootstrap", StringComparison.Ordinal))
            .ToList();
        Assert.Single(migrations);
        Assert.Equal("postgres", Env(migrations[0], "KONG_DATABASE"));

        var postgres = Find(db, "StatefulSet", "kong-postgres");
        Assert.NotNull(postgres);
        Assert.StartsWith("postgres:16", Scalar(Containers(postgres).Single(), "image"));
        Assert.IsType<YamlSequenceNode>(Path(postgres, "spec", "volumeClaimTemplates"));
        Assert.NotNull(Find(db, "Service", "kong-postgres"));

        // Every password variable comes from a Secret; no literal password anywhere in the rendering.
        var passwords = db.SelectMany(d => Containers(d).Concat(InitContainers(d))).SelectMany(EnvVars)
            .Where(e => Scalar(e, "name")!.Contains("PASSWORD", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, passwords.Count); // Kong, its wait-for-db, the migrations Job, Postgres
        Assert.All(passwords, e =>
        {
            Assert.Null(Child(e, "value"));
            Assert.NotNull(Path(e, "valueFrom", "secretKeyRef"));
        });
        Assert.DoesNotContain(db, d => Kind(d) == "Secret");

        AssertRbacUnchanged(baseRender, db);
    }

    [Fact]
    public async Task Db_mode_gateways_wait_until_kong_migrations_list_exits_0()
    {
        var baseRender = await RenderAsync("deploy");
        var db = await RenderAsync("deploy/overlays/db");
        Assert.Empty(InitContainers(Find(baseRender, "Deployment", "kong-gateway")!)); // positive control: DB-less does not wait

        var wait = InitContainers(Find(db, "Deployment", "kong-gateway")!).Single();
        Assert.Equal("wait-for-db", Scalar(wait, "name"));
        Assert.Equal(Scalar(Container(db, "kong-gateway", "proxy"), "image"), Scalar(wait, "image"));
        Assert.Equal("postgres", Env(wait, "KONG_DATABASE"));
        Assert.Equal("kong-postgres", Env(wait, "KONG_PG_HOST"));

        // The rendered script, run against a stand-in `kong` exiting as Kong 3.9.1's kong/cmd/migrations.lua does
        // (1 no connection, 3 needs bootstrap :106-108, 5 new migrations :149-151, 4 pending :144-146, 0 up to date).
        var command = ((YamlSequenceNode)Child(wait, "command")!).Select(a => ((YamlScalarNode)a).Value!).ToArray();
        var (exit, output, calls) = await MigrationsWait.RunAsync(command, [1, 3, 5, 4, 0]);
        Assert.Equal(0, exit);
        Assert.Equal(5, calls); // it went on through every non-zero code and stopped at the first 0
        Assert.Contains("exit 3, the database needs bootstrapping", output, StringComparison.Ordinal);
        Assert.Contains("exit 5, migrations pending", output, StringComparison.Ordinal);
        Assert.Contains("exit 4, migrations pending", output, StringComparison.Ordinal);
        Assert.Contains("exit 1, the database is not reachable yet", output, StringComparison.Ordinal);
    }

    private static void AssertRbacUnchanged(List<YamlMappingNode> baseRender, List<YamlMappingNode> overlay)
    {
        var baseRbac = Canonical(baseRender.Where(d => RbacKinds.Contains(Kind(d))).ToList());
        Assert.Contains("kind: ClusterRole\n", baseRbac, StringComparison.Ordinal); // the base has RBAC to compare
        Assert.Equal(baseRbac, Canonical(overlay.Where(d => RbacKinds.Contains(Kind(d))).ToList()));
    }

    /// <summary>Runs `kubectl kustomize` on a folder of the checkout and parses every document it prints.</summary>
    private static async Task<List<YamlMappingNode>> RenderAsync(string folder)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("KongDashboard.sln not found above the test binaries");
        var start = new ProcessStartInfo("kubectl", ["kustomize", System.IO.Path.Combine(root, folder)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"kubectl is needed to render {folder} (kubectl kustomize) but could not be started: {e.Message}", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder} failed ({process.ExitCode}): {await error}");
            var stream = new YamlStream();
            stream.Load(new StringReader(await output));
            var documents = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
            Assert.NotEmpty(documents);
            return documents;
        }
    }

    private static string Canonical(List<YamlMappingNode> documents) =>
        string.Join("---\n", documents
            .Select(d => { var s = new YamlStream(new YamlDocument(d)); var w = new StringWriter(); s.Save(w, assignAnchors: false); return w.ToString().Replace("\r\n", "\n"); })
            .Order(StringComparer.Ordinal));

    private static string Kind(YamlMappingNode document) => Scalar(document, "kind") ?? "";

    private static YamlMappingNode? Find(List<YamlMappingNode> documents, string kind, string name) =>
        documents.SingleOrDefault(d => Kind(d) == kind && Path(d, "metadata", "name") is YamlScalarNode n && n.Value == name);

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode workload) =>
        Path(workload, "spec", "template", "spec", "containers") is YamlSequenceNode containers ? containers.Cast<YamlMappingNode>() : [];

    private static IEnumerable<YamlMappingNode> InitContainers(YamlMappingNode workload) =>
        Path(workload, "spec", "template", "spec", "initContainers") is YamlSequenceNode containers ? containers.Cast<YamlMappingNode>() : [];

    private static YamlMappingNode Container(List<YamlMappingNode> documents, string deployment, string name)
    {
        var workload = Find(documents, "Deployment", deployment) ?? throw new InvalidOperationException($"Deployment {deployment} not rendered");
        return Containers(workload).SingleOrDefault(c => Scalar(c, "name") == name)
            ?? throw new InvalidOperationException($"Deployment {deployment} has no container {name}");
    }

    private static IEnumerable<YamlMappingNode> EnvVars(YamlMappingNode container) =>
        Child(container, "env") is YamlSequenceNode env ? env.Cast<YamlMappingNode>() : [];

    private static string? Env(YamlMappingNode container, string name) =>
        EnvVars(container).Where(e => Scalar(e, "name") == name).Select(e => Scalar(e, "value")).SingleOrDefault();

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static YamlNode? Path(YamlMappingNode node, params string[] keys)
    {
        YamlNode? current = node;
        foreach (var key in keys)
        {
            current = current is YamlMappingNode map ? Child(map, key) : null;
        }
        return current;
    }
}
