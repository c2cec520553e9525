using KongDashboard.Actions;
using KongDashboard.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KongDashboard.Web.Tests.Hosting;

/// <summary>The product stands apart from the demo: no reference to the embedded cluster, one seam the demo fills.</summary>
public sealed class DemoSeamTests
{
    [Fact]
    public void The_product_does_not_reference_the_embedded_cluster_and_the_demo_does()
    {
        static IEnumerable<string?> References(Type type) => type.Assembly.GetReferencedAssemblies().Select(a => a.Name);

        // Positive control: the check sees a reference where there is one.
        Assert.Contains("KongDashboard.EmbeddedCluster", References(typeof(EmbeddedClusterHosting)));
        Assert.Contains("KongDashboard", References(typeof(EmbeddedClusterHosting)));
        Assert.DoesNotContain("KongDashboard.EmbeddedCluster", References(typeof(ControllerHost)));
        Assert.DoesNotContain("KongDashboard.Demo", References(typeof(ControllerHost)));
    }

    [Fact]
    public void The_demo_runs_the_embedded_cluster_only_when_asked_or_when_no_cluster_is_found()
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"kong-dashboard-test-{Guid.NewGuid():N}");
        File.WriteAllText(kubeconfig, "apiVersion: v1\nkind: Config\n");
        try
        {
            Assert.True(DemoComposition.RunsEmbedded(Settings(("Cluster:Mode", "Embedded"), ("Cluster:Kubeconfig", kubeconfig))));
            Assert.False(DemoComposition.RunsEmbedded(Settings(("Cluster:Mode", "Kubeconfig"), ("Cluster:Kubeconfig", kubeconfig))));
            Assert.False(DemoComposition.RunsEmbedded(Settings(("Cluster:Kubeconfig", kubeconfig))));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task A_real_cluster_refuses_the_demo_actions_naming_the_cluster()
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"kong-dashboard-test-{Guid.NewGuid():N}");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);
        try
        {
            var hosting = new KubernetesClusterHosting(Options.Create(new ClusterSettings { Mode = ClusterModeSetting.Kubeconfig, Kubeconfig = kubeconfig }));
            await using var host = new ControllerHost(hosting, Options.Create(new ControllerSettings()), Options.Create(new KongSettings()), NullLoggerFactory.Instance);
            var actions = new DashboardActions(host, hosting);

            var crash = await actions.RunAsync(new CrashLeaderAction());
            var load = await actions.RunAsync(new SetSimulatedLoadAction(100));

            Assert.False(crash.Succeeded);
            Assert.Equal("crash-leader is not available on this cluster (kubeconfig).", crash.Message);
            Assert.False(load.Succeeded);
            Assert.Equal("set-simulated-load is not available on this cluster (kubeconfig).", load.Message);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
