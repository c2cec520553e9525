using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Autoscaling;

/// <summary>CPU and memory per pod from metrics.k8s.io, when the cluster serves it.</summary>
/// <see cref="At"/> is when this reading was first seen: a poll that reads the same values again publishes nothing.
public sealed record PodMetricsState(bool Available, string? Reason, DateTimeOffset? At, ImmutableDictionary<ObjectKey, PodUsage> Usage)
{
    public static readonly PodMetricsState Unknown = new(false, "not read yet", null, ImmutableDictionary<ObjectKey, PodUsage>.Empty);

    /// <summary>
    /// The same answer from metrics.k8s.io as far as anyone can see: each pod's CPU and memory (metrics-server stamps
    /// every scrape anew; a new stamp on the same numbers changes nothing a page shows).
    /// </summary>
    public bool SameReading(PodMetricsState other) =>
        Available == other.Available && Reason == other.Reason && Usage.Count == other.Usage.Count
        && Usage.All(u => other.Usage.TryGetValue(u.Key, out var usage) && usage.CpuCores == u.Value.CpuCores && usage.MemoryBytes == u.Value.MemoryBytes);
}

/// <summary>Usage summed over a pod's containers: CPU in cores, memory in bytes.</summary>
public sealed record PodUsage(decimal CpuCores, decimal MemoryBytes, DateTimeOffset? Timestamp);
