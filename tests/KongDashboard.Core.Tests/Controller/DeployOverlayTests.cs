using System.Diagnostics;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Translation;
using YamlDotNet.RepresentationModel;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>
/// The three topologies in deploy/overlays, rendered by the real <c>kubectl kustomize</c>: each has what makes it that
/// topology, the product's own election rule reaches the intended decision from its settings, and RBAC is unchanged.
/// </summary>
public sealed class DeployOverlayTests
{
    [Fact]
    public void Sidecar_puts_a_dbless_kong_in_every_dashboard_pod_and_needs_no_election()
    {
        var rendered = Render("sidecar");
        var pod = Rendered.PodSpec(rendered, "Deployment", "kong-dashboard");
        var kong = Rendered.Container(pod, "kong");
        Assert.Equal("off", Rendered.Env(kong, "KONG_DATABASE"));
        Assert.Equal("127.0.0.1:8001", Rendered.Env(kong, "KONG_ADMIN_LISTEN")); // only the pod's own dashboard configures it

        var settings = Rendered.KongOptions(Rendered.Container(pod, "dashboard"));
        Assert.Equal(["http://localhost:8001"], settings.AdminUrls);
        Assert.Null(settings.AdminService);
        Assert.False(Rendered.ElectionEnabled(settings));

        Assert.DoesNotContain(rendered, d => Rendered.Is(d, "Deployment", "kong-gateway")); // no shared gateways
        Assert.Equal("kong-dashboard", Rendered.Selector(rendered, "kong-proxy")); // proxy traffic reaches the sidecars
    }

    [Fact]
    public void Gateway_discovery_has_shared_dbless_gateways_and_elects_a_leader()
    {
        var rendered = Render("gateway-discovery");
        var kong = Rendered.Container(Rendered.PodSpec(rendered, "Deployment", "kong-gateway"), "proxy");
        Assert.Equal("off", Rendered.Env(kong, "KONG_DATABASE"));
        Assert.Contains(rendered, d => Rendered.Is(d, "Service", "kong-admin"));

        var dashboardPod = Rendered.PodSpec(rendered, "Deployment", "kong-dashboard");
        Assert.Single(Rendered.Containers(dashboardPod)); // positive control for the sidecar test: no Kong here
        var settings = Rendered.KongOptions(Rendered.Container(dashboardPod, "dashboard"));
        Assert.Equal("kong/kong-admin", settings.AdminService);
        Assert.Empty(settings.AdminUrls);
        Assert.False(settings.DatabaseMode);
        Assert.True(Rendered.ElectionEnabled(settings));
    }

    [Fact]
    public void Db_runs_kong_on_postgres_with_migrations_and_writes_entities_not_config()
    {
        var rendered = Render("db");
        var kongPod = Rendered.PodSpec(rendered, "Deployment", "kong-gateway");
        var kong = Rendered.Container(kongPod, "proxy");
        Assert.Equal("postgres", Rendered.Env(kong, "KONG_DATABASE"));
        Assert.Equal("kong-postgres", Rendered.Env(kong, "KONG_PG_HOST"));
        Assert.Equal("kong-postgres/password", Rendered.EnvSecret(kong, "KONG_PG_PASSWORD"));

        var migrations = Rendered.Container(Rendered.PodSpec(rendered, "Job", "kong-migrations"), "migrations");
        Assert.Equal(["kong", "migrations", "bootstrap"], Rendered.Strings(migrations, "command"));
        Assert.Equal("kong-postgres/password", Rendered.EnvSecret(migrations, "KONG_PG_PASSWORD"));
        var postgres = Rendered.Container(Rendered.PodSpec(rendered, "StatefulSet", "kong-postgres"), "postgres");
        Assert.Equal("kong-postgres/password", Rendered.EnvSecret(postgres, "POSTGRES_PASSWORD"));

        // No password literal anywhere: every one is a Secret reference, and the Secret itself is not in git.
        Assert.DoesNotContain(rendered, d => Rendered.Kind(d) == "Secret");
        Assert.DoesNotContain(rendered.SelectMany(Rendered.AllEnv), e => e.Name.Contains("PASSWORD") && e.Value is not null);

        var settings = Rendered.KongOptions(Rendered.Container(Rendered.PodSpec(rendered, "Deployment", "kong-dashboard"), "dashboard"));
        Assert.True(settings.DatabaseMode); // entities by diff, not POST /config …
        Assert.DoesNotContain(rendered.SelectMany(Rendered.AllEnv), e => e is { Name: "KONG_DATABASE", Value: "off" }); // … to no DB-less Kong
        Assert.True(Rendered.ElectionEnabled(settings));
    }

    [Theory]
    [InlineData("sidecar")]
    [InlineData("gateway-discovery")]
    [InlineData("db")]
    public void Every_overlay_grants_exactly_the_declared_api_calls(string overlay)
    {
        var granted = Rendered.Grants(Render(overlay));
        Assert.Contains(new ApiGrant("coordination.k8s.io", "leases", "update"), granted); // the Role was rendered
        Assert.True(granted.SetEquals(ApiGrants.Required),
            $"{overlay}: not granted {string.Join(", ", ApiGrants.Required.Except(granted))}; unused {string.Join(", ", granted.Except(ApiGrants.Required))}");
    }

    private static List<YamlMappingNode> Render(string overlay)
    {
        var folder = Path.Combine(GoldenCases.RepoRoot()!, "deploy", "overlays", overlay);
        var start = new ProcessStartInfo("kubectl", ["kustomize", folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay} failed: {error}");
        var stream = new YamlStream();
        stream.Load(new StringReader(output.Result));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    /// <summary>Reads rendered manifests; every lookup fails with the object and field it was looking for.</summary>
    private static class Rendered
    {
        public static string? Kind(YamlMappingNode doc) => Scalar(doc, "kind");

        public static bool Is(YamlMappingNode doc, string kind, string name) =>
            Kind(doc) == kind && Scalar(Map(doc, "metadata"), "name") == name;

        public static YamlMappingNode PodSpec(List<YamlMappingNode> docs, string kind, string name)
        {
            var doc = docs.SingleOrDefault(d => Is(d, kind, name)) ?? throw new Xunit.Sdk.XunitException($"no {kind} {name} rendered");
            return Map(Map(Map(doc, "spec"), "template"), "spec");
        }

        public static IEnumerable<YamlMappingNode> Containers(YamlMappingNode pod) =>
            Seq(pod, "containers").Concat(Seq(pod, "initContainers"));

        public static YamlMappingNode Container(YamlMappingNode pod, string name) =>
            Containers(pod).SingleOrDefault(c => Scalar(c, "name") == name) ?? throw new Xunit.Sdk.XunitException($"no container {name}");

        public static string? Env(YamlMappingNode container, string name) =>
            EnvVar(container, name) is { } e ? Scalar(e, "value") : null;

        /// <summary>"secret/key" of an env var taken from a Secret.</summary>
        public static string? EnvSecret(YamlMappingNode container, string name) =>
            EnvVar(container, name) is { } e && Map(Map(e, "valueFrom"), "secretKeyRef") is { } r ? $"{Scalar(r, "name")}/{Scalar(r, "key")}" : null;

        public static IEnumerable<(string Name, string? Value)> AllEnv(YamlMappingNode doc) =>
            Kind(doc) is "Deployment" or "StatefulSet" or "Job"
                ? Containers(Map(Map(Map(doc, "spec"), "template"), "spec")).SelectMany(c => Seq(c, "env")).Select(e => (Scalar(e, "name")!, Scalar(e, "value")))
                : [];

        public static IReadOnlyList<string> Strings(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(key, out var value) ? ((YamlSequenceNode)value).Select(v => ((YamlScalarNode)v).Value ?? "").ToList() : [];

        public static string? Selector(List<YamlMappingNode> docs, string service) =>
            Scalar(Map(Map(docs.Single(d => Is(d, "Service", service)), "spec"), "selector"), "app.kubernetes.io/name");

        /// <summary>The Kong:* settings the dashboard container's environment gives the product (as DashboardSettings splits them).</summary>
        public static KongSyncOptions KongOptions(YamlMappingNode dashboard) => new()
        {
            AdminService = Env(dashboard, "Kong__AdminService"),
            AdminUrls = (Env(dashboard, "Kong__AdminUrls") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Database = Env(dashboard, "Kong__Database"),
        };

        public static bool ElectionEnabled(KongSyncOptions kong) =>
            LeaderElectionPolicy.Decide(ControllerRole.Active, forced: null, kong, kong.DatabaseMode).Enabled;

        public static HashSet<ApiGrant> Grants(List<YamlMappingNode> docs) =>
            docs.Where(d => Kind(d) is "Role" or "ClusterRole")
                .SelectMany(d => Seq(d, "rules"))
                .SelectMany(rule => Strings(rule, "apiGroups").SelectMany(g => Strings(rule, "resources").SelectMany(r => Strings(rule, "verbs").Select(v => new ApiGrant(g, r, v)))))
                .ToHashSet();

        private static YamlMappingNode? EnvVar(YamlMappingNode container, string name) =>
            Seq(container, "env").SingleOrDefault(e => Scalar(e, "name") == name);

        private static string? Scalar(YamlMappingNode? node, string key) =>
            node is not null && node.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;

        private static YamlMappingNode Map(YamlMappingNode? node, string key) =>
            node is not null && node.Children.TryGetValue(key, out var value) && value is YamlMappingNode map ? map : throw new Xunit.Sdk.XunitException($"no mapping {key}");

        private static IEnumerable<YamlMappingNode> Seq(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(key, out var value) ? ((YamlSequenceNode)value).Cast<YamlMappingNode>() : [];
    }
}
