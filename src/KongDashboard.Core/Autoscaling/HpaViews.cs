using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Autoscaling;

/// <summary>Builds <see cref="HpaView"/>s from autoscaling/v2 objects, for every metric source type.</summary>
public static class HpaViews
{
    public static HpaView From(V2HorizontalPodAutoscaler hpa, ImmutableArray<HpaSample> history, ImmutableArray<ScalingEvent> events)
    {
        var spec = hpa.Spec;
        var status = hpa.Status;
        var metrics = (spec.Metrics is { Count: > 0 } m ? m : [DefaultCpu]).Select(s => Metric(s, status?.CurrentMetrics)).ToImmutableArray();
        var conditions = (status?.Conditions ?? []).Select(c => new HpaConditionView(c.Type, c.Status, c.Reason, c.Message, Utc(c.LastTransitionTime))).ToImmutableArray();
        return new HpaView(ObjectKey.Of(hpa.Metadata), spec.ScaleTargetRef.Kind, spec.ScaleTargetRef.Name, spec.MinReplicas ?? 1, spec.MaxReplicas,
            status?.CurrentReplicas, status?.DesiredReplicas ?? 0, metrics, conditions, Utc(status?.LastScaleTime), history, events);
    }

    public static HpaSample Sample(HpaView view, DateTimeOffset at) =>
        new(at, view.CurrentReplicas, view.DesiredReplicas, [.. view.Metrics.Select(m => new MetricPoint(m.Key, m.CurrentNumber, m.TargetNumber))]);

    /// <summary>If spec.metrics is unset the HPA scales on 80 % average CPU.</summary>
    private static readonly V2MetricSpec DefaultCpu = new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 80 } },
    };

    private static HpaMetricView Metric(V2MetricSpec spec, IList<V2MetricStatus>? statuses)
    {
        var (name, target, current) = spec.Type switch
        {
            "Resource" => (spec.Resource.Name, spec.Resource.Target,
                statuses?.FirstOrDefault(s => s.Type == "Resource" && s.Resource?.Name == spec.Resource.Name)?.Resource.Current),
            "ContainerResource" => ($"{spec.ContainerResource.Name} (container {spec.ContainerResource.Container})", spec.ContainerResource.Target,
                statuses?.FirstOrDefault(s => s.Type == "ContainerResource" && s.ContainerResource?.Name == spec.ContainerResource.Name
                    && s.ContainerResource.Container == spec.ContainerResource.Container)?.ContainerResource.Current),
            "Pods" => (spec.Pods.Metric.Name, spec.Pods.Target,
                statuses?.FirstOrDefault(s => s.Type == "Pods" && s.Pods?.Metric?.Name == spec.Pods.Metric.Name)?.Pods.Current),
            "Object" => ($"{spec.ObjectProperty.Metric.Name} of {spec.ObjectProperty.DescribedObject.Kind} {spec.ObjectProperty.DescribedObject.Name}", spec.ObjectProperty.Target,
                statuses?.FirstOrDefault(s => s.Type == "Object" && s.ObjectProperty?.Metric?.Name == spec.ObjectProperty.Metric.Name
                    && s.ObjectProperty.DescribedObject?.Name == spec.ObjectProperty.DescribedObject.Name)?.ObjectProperty.Current),
            "External" => (spec.External.Metric.Name, spec.External.Target,
                statuses?.FirstOrDefault(s => s.Type == "External" && s.External?.Metric?.Name == spec.External.Metric.Name)?.External.Current),
            _ => (spec.Type ?? "unknown", null, null),
        };
        var key = $"{spec.Type}:{name}";
        return target?.Type switch
        {
            "Utilization" => new HpaMetricView(key, spec.Type!, name, "Utilization", $"{target.AverageUtilization}%",
                current?.AverageUtilization is { } u ? $"{u}%" : null, target.AverageUtilization, current?.AverageUtilization),
            "AverageValue" => new HpaMetricView(key, spec.Type!, name, "AverageValue", $"{target.AverageValue} (average)",
                current?.AverageValue?.ToString(), Number(target.AverageValue), Number(current?.AverageValue)),
            "Value" => new HpaMetricView(key, spec.Type!, name, "Value", target.Value?.ToString() ?? "",
                current?.Value?.ToString(), Number(target.Value), Number(current?.Value)),
            _ => new HpaMetricView(key, spec.Type ?? "unknown", name, target?.Type ?? "?", "?", null, null, null),
        };
    }

    private static double? Number(ResourceQuantity? quantity) => quantity is null ? null : (double)quantity.ToDecimal();

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
