using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Autoscaling;

/// <summary>CPU and memory per pod from metrics.k8s.io, when the cluster serves it.</summary>
public sealed record PodMetricsState(bool Available, string? Reason, DateTimeOffset? At, ImmutableDictionary<ObjectKey, PodUsage> Usage)
{
    public static readonly PodMetricsState Unknown = new(false, "not read yet", null, ImmutableDictionary<ObjectKey, PodUsage>.Empty);
}

/// <summary>Usage summed over a pod's containers: CPU in cores, memory in bytes.</summary>
public sealed record PodUsage(decimal CpuCores, decimal MemoryBytes, DateTimeOffset? Timestamp);
