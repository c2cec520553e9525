using k8s;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Signals;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>KIC's signals end to end on the seeded embedded cluster: Kubernetes Events and ingress_controller_* metrics.</summary>
public sealed class SignalsTests
{
    [Fact]
    public async Task Failures_become_warning_events_on_the_objects_and_show_in_the_metrics()
    {
        await using var cluster = await TestCluster.StartAsync(seed: true, controllers: true);
        var connection = new ClusterConnection(ClusterMode.Embedded, cluster.Server.BaseAddress.ToString(), null, ControllerRole.Active);
        var instanceId = "signals-" + Guid.NewGuid().ToString("N")[..6];
        var options = new ControllerInstanceOptions
        {
            InstanceId = instanceId,
            Connection = connection,
            Kong = new KongSyncOptions { AdminService = "kong/kong-admin", StatusInterval = TimeSpan.FromMilliseconds(100) },
        };
        await using var instance = new ControllerInstance(options, cluster.Client, NullLoggerFactory.Instance);
        instance.Start();
        await Eventually.True(() => instance.State.Current.Sync.Gateways.Length == 2 && instance.State.Current.Sync.InSync == 2, "both seeded gateways in sync");

        // The seed's broken Ingress references a Service that does not exist: a translation failure.
        var translationEvent = await Eventually.Until(
            () => cluster.Client.CoreV1.ListNamespacedEvent("internal").Items.FirstOrDefault(e => e.Reason == "KongConfigurationTranslationFailed"),
            e => e is not null, "a KongConfigurationTranslationFailed event");
        Assert.Equal("Ingress", translationEvent.InvolvedObject.Kind);
        Assert.Equal("broken-reports", translationEvent.InvolvedObject.Name);
        Assert.Equal("Warning", translationEvent.Type);
        Assert.Equal(EventRecorder.Component, translationEvent.Source.Component);

        // An invalid regex passes translation but Kong refuses it: an apply failure on the Ingress, and the fallback keeps the rest.
        var bad = Objects.Ingress("shop", "bad-regex", service: "catalog", path: "/~/(unclosed");
        bad.Metadata.Uid = null;
        await cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(bad, "shop");
        var applyEvent = await Eventually.Until(
            () => cluster.Client.CoreV1.ListNamespacedEvent("shop").Items.FirstOrDefault(e => e.Reason == "KongConfigurationApplyFailed"),
            e => e is not null, "a KongConfigurationApplyFailed event");
        Assert.Equal("bad-regex", applyEvent.InvolvedObject.Name);
        Assert.Contains("invalid regex", applyEvent.Message, StringComparison.Ordinal);
        await Eventually.True(() => instance.State.Current.Sync is { Desired.Kind: PayloadKind.Fallback, InSync: 2 }, "fallback configuration applied everywhere");

        // Whichever gateway met the broken configuration first refused it; both then took the fallback.
        var dataplanes = instance.State.Current.Sync.Gateways.Select(g => g.AdminUrl.ToString()).ToList();
        Assert.True(dataplanes.Sum(d => ControllerMetrics.PushCount.WithLabels("false", "db-less", "other", d, instanceId).Value) >= 1);
        // The fallback equals what the gateways already serve (the Ingress before the bad one), so nothing is re-pushed.
        Assert.All(instance.State.Current.Sync.Gateways, g => Assert.Equal(instance.State.Current.Sync.Desired!.Sha, g.AppliedSha));
        Assert.True(ControllerMetrics.FallbackTranslationCount.WithLabels("true", instanceId).Value >= 1);
        Assert.True(ControllerMetrics.TranslationBrokenResources.WithLabels(instanceId).Value >= 1);
    }
}
