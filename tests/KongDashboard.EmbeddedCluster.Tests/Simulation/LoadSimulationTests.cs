using k8s;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Simulation;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests.Simulation;

/// <summary>The seeded demo: load from the ConfigMap → PodMetrics → HPA status, /scale and Events, over real HTTP.</summary>
public sealed class LoadSimulationTests : IAsyncLifetime
{
    private EmbeddedApiServer _server = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions
        {
            Simulation = new LoadSimulationOptions { HpaSyncPeriod = TimeSpan.FromMilliseconds(500), MetricsInterval = TimeSpan.FromMilliseconds(200) },
        });
        _client = new Kubernetes(_server.ClientConfiguration());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Seed_load_publishes_pod_metrics_and_keeps_the_minimum()
    {
        await Eventually.HoldsAsync(async () => (await HpaAsync()).Status?.CurrentMetrics is { Count: > 0 }, TimeSpan.FromSeconds(10));

        var hpa = await HpaAsync();
        var cpu = hpa.Status.CurrentMetrics.Single(m => m.Type == "Resource" && m.Resource.Name == "cpu").Resource.Current;
        Assert.Equal(37, cpu.AverageUtilization); // 200 rps over 2 pods: 5m + 1.8m × 100 = 185m of 500m
        Assert.Equal(2, hpa.Status.DesiredReplicas);
        Assert.Contains(hpa.Status.Conditions, c => c is { Type: "ScalingActive", Status: "True", Reason: "ValidMetricFound" });
        var metrics = (await _client.GetKubernetesPodsMetricsByNamespaceAsync("kong")).Items.Where(m => m.Metadata.Name.StartsWith("kong-gateway-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, metrics.Count);
        Assert.All(metrics, m => Assert.Equal(0.185m, m.Containers.Single().Usage["cpu"].ToDecimal()));
    }

    [Fact]
    public async Task Raising_the_load_scales_up_and_records_SuccessfulRescale()
    {
        await SetLoadAsync(1000);

        await Eventually.HoldsAsync(async () => (await _client.AppsV1.ReadNamespacedDeploymentAsync("kong-gateway", "kong")).Spec.Replicas == 6, TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => _server.KongGateways!.Gateways.Count == 6, TimeSpan.FromSeconds(10));
        var events = await _client.CoreV1.ListNamespacedEventAsync("kong", fieldSelector: "involvedObject.kind=HorizontalPodAutoscaler");
        var rescale = Assert.Single(events.Items, e => e.Reason == "SuccessfulRescale");
        Assert.Equal("New size: 6; reason: cpu resource utilization (percentage of request) above target", rescale.Message);
        var hpa = await HpaAsync();
        Assert.NotNull(hpa.Status.LastScaleTime);
        Assert.Equal(6, hpa.Status.DesiredReplicas);
        // 2 pods at 181 % wanted 6 (max(2+4, 2×2) = 6), so the scale-up policy did not have to clamp.
        Assert.DoesNotContain(hpa.Status.Conditions, c => c.Type == "ScalingLimited" && c.Reason == "TooManyReplicas");
    }

    [Fact]
    public async Task Unsupported_metric_types_report_ScalingActive_false()
    {
        // Positive control: the seeded HPA's CPU metric is active.
        await Eventually.HoldsAsync(async () => (await HpaAsync()).Status?.Conditions?.Any(c => c is { Type: "ScalingActive", Status: "True" }) == true, TimeSpan.FromSeconds(10));

        // A merge patch, not GET + PUT: the HPA controller writes the status every sync period, so a PUT carrying the
        // resourceVersion of an earlier GET can meet 409 Conflict (the race that failed this test under load).
        const string external = """{"spec":{"metrics":[{"type":"External","external":{"metric":{"name":"queue_depth"},"target":{"type":"AverageValue","averageValue":"30"}}}]}}""";
        await _client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(new V1Patch(external, V1Patch.PatchType.MergePatch), "kong-gateway", "kong");

        await Eventually.HoldsAsync(async () => (await HpaAsync()).Status?.Conditions?.Any(c => c is { Type: "ScalingActive", Status: "False", Reason: "FailedGetExternalMetric" }) == true, TimeSpan.FromSeconds(10));
        Assert.Equal("External", Assert.Single((await HpaAsync()).Spec.Metrics).Type);
    }

    private Task<V2HorizontalPodAutoscaler> HpaAsync() => _client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("kong-gateway", "kong");

    private Task SetLoadAsync(int rps) => _client.CoreV1.PatchNamespacedConfigMapAsync(
        new V1Patch($$$"""{"data":{"requestsPerSecond":"{{{rps}}}"}}""", V1Patch.PatchType.MergePatch), LoadModel.ConfigMapName, "kong");
}
