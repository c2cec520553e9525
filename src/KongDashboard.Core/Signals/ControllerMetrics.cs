using KongDashboard.Core.Sync;
using Prometheus;

namespace KongDashboard.Core.Signals;

/// <summary>
/// KIC's ingress_controller_* metrics (internal/metrics/prometheus.go), labelled per controller instance so several
/// replicas in one process stay apart.
/// </summary>
public static class ControllerMetrics
{
    private const string DbLess = "db-less";

    private static readonly double[] PushBuckets = Histogram.ExponentialBuckets(100, 1.33, 30);
    private static readonly double[] TranslationBuckets = Histogram.ExponentialBuckets(1, 1.4, 30);

    public static readonly Counter PushCount = Metrics.CreateCounter(
        "ingress_controller_configuration_push_count", "Count of successful/failed configuration pushes to Kong.",
        "success", "protocol", "failure_reason", "dataplane", "instance_id");

    public static readonly Histogram PushDuration = Metrics.CreateHistogram(
        "ingress_controller_configuration_push_duration_milliseconds", "How long it took to push the configuration to Kong, in milliseconds.",
        new HistogramConfiguration { LabelNames = ["success", "protocol", "dataplane", "instance_id"], Buckets = PushBuckets });

    public static readonly Gauge PushSize = Metrics.CreateGauge(
        "ingress_controller_configuration_push_size", "Size of the configuration pushed to Kong, in bytes.",
        "dataplane", "protocol", "success", "instance_id");

    public static readonly Gauge PushLastSuccessful = Metrics.CreateGauge(
        "ingress_controller_configuration_push_last_successful", "Time of the last successful configuration push (Unix seconds).",
        "dataplane", "instance_id");

    public static readonly Gauge PushBrokenResources = Metrics.CreateGauge(
        "ingress_controller_configuration_push_broken_resource_count", "Number of resources Kong rejected in the last push.",
        "dataplane", "instance_id");

    public static readonly Counter TranslationCount = Metrics.CreateCounter(
        "ingress_controller_translation_count", "Count of translations from Kubernetes state to Kong state.",
        "success", "instance_id");

    public static readonly Histogram TranslationDuration = Metrics.CreateHistogram(
        "ingress_controller_translation_duration_milliseconds", "How long it took to translate Kubernetes state to Kong state, in milliseconds.",
        new HistogramConfiguration { LabelNames = ["success", "instance_id"], Buckets = TranslationBuckets });

    public static readonly Gauge TranslationBrokenResources = Metrics.CreateGauge(
        "ingress_controller_translation_broken_resource_count", "Number of resources that failed to translate.",
        "instance_id");

    public static readonly Counter FallbackTranslationCount = Metrics.CreateCounter(
        "ingress_controller_fallback_translation_count", "Count of fallback translations.", "success", "instance_id");

    public static readonly Counter FallbackPushCount = Metrics.CreateCounter(
        "ingress_controller_fallback_configuration_push_count", "Count of successful/failed fallback configuration pushes to Kong.",
        "success", "protocol", "failure_reason", "dataplane", "instance_id");

    public static readonly Gauge FallbackBrokenResources = Metrics.CreateGauge(
        "ingress_controller_fallback_configuration_push_broken_resource_count", "Number of broken resources excluded by the last fallback.",
        "dataplane", "instance_id");

    /// <summary>One translation; its broken-resource gauge is set from the status board (<see cref="StatusMetrics"/>).</summary>
    public static void RecordTranslation(string instanceId, TimeSpan duration, int brokenResources)
    {
        var success = brokenResources == 0 ? "true" : "false";
        TranslationCount.WithLabels(success, instanceId).Inc();
        TranslationDuration.WithLabels(success, instanceId).Observe(duration.TotalMilliseconds);
    }

    public static void RecordPush(string instanceId, GatewayEndpoint gateway, PushRecord record)
    {
        var success = record.Success ? "true" : "false";
        var dataplane = gateway.AdminUrl.ToString();
        var reason = record.Success ? "" : record.StatusCode is null ? "network" : record.StatusCode == 409 ? "conflict" : "other";
        var counter = record.Kind == PayloadKind.Fallback ? FallbackPushCount : PushCount;
        counter.WithLabels(success, DbLess, reason, dataplane, instanceId).Inc();
        PushDuration.WithLabels(success, DbLess, dataplane, instanceId).Observe(record.Duration.TotalMilliseconds);
        PushSize.WithLabels(dataplane, DbLess, success, instanceId).Set(record.Bytes);
        PushBrokenResources.WithLabels(dataplane, instanceId).Set(record.Rejections.Select(r => r.Object).Distinct().Count(o => o is not null));
        if (record.Success)
        {
            PushLastSuccessful.WithLabels(dataplane, instanceId).Set(record.At.ToUnixTimeMilliseconds() / 1000.0);
        }
    }
}
