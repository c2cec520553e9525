using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Autoscaling;

/// <summary>The HPAs of the Kong Deployment with a bounded history of their metrics.</summary>
public sealed record AutoscalingState(string Selection, ImmutableArray<HpaView> Hpas, DateTimeOffset? At)
{
    public static readonly AutoscalingState Empty = new("not read yet", [], null);

    /// <summary>The HPA the Overview summarizes: the first one targeting the Kong Deployment.</summary>
    public HpaView? Primary => Hpas.IsDefaultOrEmpty ? null : Hpas[0];
}

/// <summary>One HPA as the Autoscaling page shows it.</summary>
public sealed record HpaView(
    ObjectKey Key,
    string TargetKind,
    string TargetName,
    int MinReplicas,
    int MaxReplicas,
    int? CurrentReplicas,
    int DesiredReplicas,
    ImmutableArray<HpaMetricView> Metrics,
    ImmutableArray<HpaConditionView> Conditions,
    DateTimeOffset? LastScaleTime,
    ImmutableArray<HpaSample> History,
    ImmutableArray<ScalingEvent> Events)
{
    public HpaConditionView? Condition(string type) => Conditions.FirstOrDefault(c => c.Type == type);
}

/// <summary>
/// One spec.metrics entry with its current value from status.currentMetrics (matched by type and name).
/// Numbers are in the target's unit: percent for Utilization, else the quantity as a decimal.
/// </summary>
public sealed record HpaMetricView(string Key, string Type, string Name, string TargetType, string Target, string? Current, double? TargetNumber, double? CurrentNumber)
{
    public bool IsUtilization => TargetType == "Utilization";
}

public sealed record HpaConditionView(string Type, string Status, string? Reason, string? Message, DateTimeOffset? Since);

/// <summary>One point of an HPA's history: replicas and each metric against its target.</summary>
public sealed record HpaSample(DateTimeOffset At, int? CurrentReplicas, int DesiredReplicas, ImmutableArray<MetricPoint> Metrics);

public sealed record MetricPoint(string Key, double? Current, double? Target);

/// <summary>A core/v1 Event on the HPA (SuccessfulRescale, FailedGetResourceMetric, …).</summary>
public sealed record ScalingEvent(DateTimeOffset? At, string Type, string Reason, string Message, int Count);
