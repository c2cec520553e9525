using k8s;
using k8s.Models;
using KongDashboard.Core.Autoscaling;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.EmbeddedCluster;
using KongDashboard.EmbeddedCluster.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace KongDashboard.Core.Tests.Autoscaling;

/// <summary>
/// The seeded embedded cluster with the load simulation and a controller replica configuring its Kong gateways:
/// load up → HPA scales the Deployment → new gateways discovered and configured; load down → back after the window.
/// The embedded HPA controller runs on a virtual clock (whole seconds, as its status times are written): each sync
/// period is a step of the test, and the stabilization window is measured on that clock, never on the machine's.
/// </summary>
public sealed class AutoscalingIntegrationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SyncPeriod = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Load_scales_the_kong_gateways_up_and_after_the_window_down_and_every_gateway_is_configured()
    {
        var hpaClock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions
        {
            Simulation = new LoadSimulationOptions { HpaSyncPeriod = SyncPeriod, MetricsInterval = TimeSpan.FromMilliseconds(250), Time = hpaClock },
        });
        using var client = new k8s.Kubernetes(server.ClientConfiguration());
        await ShortenScaleDownWindowAsync(client, seconds: 4);
        var connection = new ClusterConnection(ClusterMode.Embedded, server.BaseAddress.ToString(), null, ControllerRole.Active);
        await using var instance = new ControllerInstance(new ControllerInstanceOptions
        {
            InstanceId = "autoscaling-test",
            Connection = connection,
            Kong = new KongSyncOptions { AdminService = "kong/kong-admin", StatusInterval = TimeSpan.FromMilliseconds(200), InitialRetryDelay = TimeSpan.FromMilliseconds(100) },
            Autoscaling = new AutoscalingOptions
            {
                KongDeployment = "kong/kong-gateway",
                EventsInterval = TimeSpan.FromMilliseconds(300),
                PodMetricsInterval = TimeSpan.FromMilliseconds(500),
            },
        }, client, NullLoggerFactory.Instance);
        instance.Start();
        await Eventually.Until(() => instance.State.Current, s => s!.Sync.Gateways.Length == 2 && s.Sync.InSync == 2, "two gateways in sync", TimeSpan.FromSeconds(20));
        await KongCpuAsync(client, c => c == 0.185m, "the seed load (200 rps) in the pod metrics");
        hpaClock.Advance(SyncPeriod);
        await Eventually.Until(() => instance.State.Current.Autoscaling.Primary, h => h?.Metrics is [{ CurrentNumber: 37 }], "HPA at 37 % CPU", TimeSpan.FromSeconds(10));

        // Load up: once metrics-server shows it, the next sync of the HPA scales to 6 (one sync period of its clock).
        await SetLoadAsync(client, 1000);
        await KongCpuAsync(client, c => c > 0.185m, "the new load in the pod metrics");
        var loadUpSeen = hpaClock.GetUtcNow();
        hpaClock.Advance(SyncPeriod);
        var scaled = await Eventually.Until(() => instance.State.Current.Autoscaling.Primary, h => h?.DesiredReplicas == 6, "HPA desires 6");
        var up = await Eventually.Until(() => instance.State.Current, s => s!.Sync.Gateways.Length == 6 && s.Sync.InSync == 6,
            "six gateways discovered and in sync", TimeSpan.FromSeconds(20));
        var scaledUpAt = (await HpaAsync(client)).Status.LastScaleTime!.Value;
        Assert.Equal((loadUpSeen + SyncPeriod).UtcDateTime, scaledUpAt);
        output.WriteLine($"scale-up: desired {scaled!.DesiredReplicas} at the first HPA sync after the load showed (+{SyncPeriod.TotalSeconds} s of its clock); 6 gateways in sync");
        Assert.All(up.Sync.Gateways, g => Assert.Equal(up.Sync.Desired!.Sha, g.AppliedSha));
        var hpa = await Eventually.Until(() => instance.State.Current.Autoscaling.Primary, h => h!.Events.Any(e => e.Reason == "SuccessfulRescale"), "rescale event");
        Assert.Contains(hpa!.Events, e => e.Message == "New size: 6; reason: cpu resource utilization (percentage of request) above target");
        Assert.Contains(hpa.History, s => s.DesiredReplicas == 6);

        // Load down: the HPA holds 6 through the 4 s window, counted from its last high recommendation (the scale-up
        // sync above), then scales down. Its clock moves one sync period per step while the test awaits the outcome.
        await SetLoadAsync(client, 200);
        await KongCpuAsync(client, c => c < 0.185m, "the lower load in the pod metrics");
        hpaClock.Advance(SyncPeriod);
        await Eventually.Until(() => instance.State.Current.Autoscaling.Primary, h => h?.Condition("AbleToScale")?.Reason == "ScaleDownStabilized", "scale-down held back");
        Assert.Equal(6, instance.State.Current.Sync.Gateways.Length);
        var downAt = await Eventually.Until(() =>
        {
            var hpa = HpaAsync(client).Result;
            if (hpa.Status.DesiredReplicas != 2)
            {
                hpaClock.Advance(SyncPeriod);
            }

            return hpa;
        }, h => h!.Status.DesiredReplicas == 2, "the HPA scales down", TimeSpan.FromSeconds(20));
        var window = TimeSpan.FromSeconds(4);
        var scaledDownAt = downAt!.Status.LastScaleTime!.Value;
        Assert.True(scaledDownAt - scaledUpAt >= window, $"scaled down {scaledDownAt - scaledUpAt} after the last high recommendation: within the {window.TotalSeconds} s window");
        await Eventually.Until(() => instance.State.Current, s => s!.Sync.Gateways.Length == 2 && s.Sync.InSync == 2, "back to two gateways", TimeSpan.FromSeconds(20));
        output.WriteLine($"scale-down: {scaledDownAt - scaledUpAt} of the HPA's clock after the last high recommendation (window {window.TotalSeconds} s); back to 2 gateways in sync");
        // The HPA's view follows its own watch event, which may arrive after the gateways' pods went away.
        var settled = await Eventually.Until(() => instance.State.Current, s => s!.Autoscaling.Primary?.DesiredReplicas == 2, "the HPA view at 2");
        Assert.True(settled!.PodMetrics.Available);
        Assert.Contains(settled.PodMetrics.Usage.Keys, k => k.Namespace == "kong");
    }

    [Fact]
    public async Task Without_metrics_server_pod_metrics_are_unavailable_with_a_reason_and_nothing_is_logged_above_debug()
    {
        await using var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions { Seed = true, RunControllers = false });
        server.Faults.FailNext(r => r.Path.StartsWith("/apis/metrics.k8s.io", StringComparison.Ordinal), int.MaxValue, 404);
        using var client = new k8s.Kubernetes(server.ClientConfiguration());
        var logs = new RecordingLoggerFactory();
        var connection = new ClusterConnection(ClusterMode.Embedded, server.BaseAddress.ToString(), null, ControllerRole.Active);
        await using var instance = new ControllerInstance(new ControllerInstanceOptions
        {
            InstanceId = "no-metrics",
            Connection = connection,
            Autoscaling = new AutoscalingOptions { KongDeployment = "kong/kong-gateway", PodMetricsInterval = TimeSpan.FromMilliseconds(200) },
        }, client, logs);
        instance.Start();

        var state = await Eventually.Until(() => instance.State.Current, s => s!.PodMetrics.At is not null && s.Autoscaling.Hpas.Length == 1, "metrics read attempted");
        Assert.False(state.PodMetrics.Available);
        Assert.Contains("metrics-server", state.PodMetrics.Reason);
        Assert.Contains("404", state.PodMetrics.Reason);
        Assert.DoesNotContain(logs.Entries, e => e.Level > Microsoft.Extensions.Logging.LogLevel.Debug && e.Category.Contains("Autoscaling", StringComparison.Ordinal));
        // The HPA itself is still shown from the watch cache (no status yet: the simulation is off).
        Assert.Equal(new ObjectKey("kong", "kong-gateway"), state.Autoscaling.Primary!.Key);
        Assert.Null(state.Autoscaling.Primary.Metrics[0].CurrentNumber);
    }

    private static Task<V2HorizontalPodAutoscaler> HpaAsync(IKubernetes client) =>
        client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("kong-gateway", "kong");

    /// <summary>Awaits the CPU (cores) that metrics.k8s.io reports for every ready Kong gateway pod.</summary>
    private static Task KongCpuAsync(IKubernetes client, Func<decimal, bool> holds, string what) => Eventually.True(() =>
    {
        var pods = client.GetKubernetesPodsMetricsByNamespaceAsync("kong").Result.Items
            .Where(m => m.Metadata.Name.StartsWith("kong-gateway-", StringComparison.Ordinal)).ToList();
        return pods.Count > 0 && pods.All(m => holds(m.Containers[0].Usage["cpu"].ToDecimal()));
    }, what);

    private static Task SetLoadAsync(IKubernetes client, int rps) => client.CoreV1.PatchNamespacedConfigMapAsync(
        new V1Patch($$$"""{"data":{"requestsPerSecond":"{{{rps}}}"}}""", V1Patch.PatchType.MergePatch), LoadModel.ConfigMapName, "kong");

    private static Task ShortenScaleDownWindowAsync(IKubernetes client, int seconds) => client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(
        new V1Patch("{\"spec\":{\"behavior\":{\"scaleDown\":{\"stabilizationWindowSeconds\":" + seconds + "}}}}", V1Patch.PatchType.MergePatch), "kong-gateway", "kong");
}
