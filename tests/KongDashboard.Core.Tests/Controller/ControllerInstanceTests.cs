using k8s;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>One controller replica end to end: embedded API server → reflectors → translation → published state.</summary>
public sealed class ControllerInstanceTests
{
    [Fact]
    public async Task Publishes_a_translated_row_for_a_new_ingress_and_a_failure_for_a_broken_one()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CoreV1.CreateNamespaceAsync(Objects.Namespace("apps"));
        await cluster.Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("apps", "web"), "apps");
        var connection = new ClusterConnection(ClusterMode.Embedded, cluster.Server.BaseAddress.ToString(), null, ControllerRole.Active);
        await using var instance = new ControllerInstance(new ControllerInstanceOptions { InstanceId = "test-0", Connection = connection }, cluster.Client, NullLoggerFactory.Instance);
        instance.Start();
        await Eventually.True(() => instance.State.Current.Cache.Synced, "caches synced");

        await cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("apps", "shop", host: "shop.example.com"), "apps");
        await cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("apps", "orphan", service: "missing"), "apps");

        var state = await Eventually.Until(
            () => instance.State.Current,
            s => s!.Translation.Rows.Length == 2,
            "both Ingresses translated");
        var shop = state.Translation.Rows.Single(r => r.Key == new ObjectKey("apps", "shop"));
        Assert.Equal(TranslationOutcome.Translated, shop.Status);
        Assert.Equal(["apps.shop.web.shop.example.com.80"], shop.Routes.ToArray());
        Assert.Contains("apps.shop.web.shop.example.com.80", shop.KongYaml.Value);

        var orphan = state.Translation.Rows.Single(r => r.Key == new ObjectKey("apps", "orphan"));
        Assert.Equal(TranslationOutcome.Failed, orphan.Status);
        Assert.Contains(orphan.Messages, m => m.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(state.Translation.Failures, f => f.CausingObjects.Any(o => o.Name == "orphan"));
    }
}
