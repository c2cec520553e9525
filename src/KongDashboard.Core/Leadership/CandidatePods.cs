using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Leadership;

/// <summary>The candidates: pods with the candidate label in the election namespace, ready or not.</summary>
internal static class CandidatePods
{
    public static ImmutableArray<LeaderCandidate> From(ClusterSnapshot snapshot, LeaderElectionOptions options, string? holder)
    {
        var (key, value) = SplitLabel(options.CandidateLabel);
        return snapshot.Pods
            .Where(p => p.Metadata.NamespaceProperty == options.Namespace && p.Metadata.Labels is { } labels && labels.TryGetValue(key, out var v) && v == value)
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => new LeaderCandidate(
                p.Metadata.Name,
                $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}",
                p.Spec?.NodeName,
                IsReady(p),
                LastSeen(p),
                p.Metadata.Name == options.Identity,
                p.Metadata.Name == holder))
            .ToImmutableArray();
    }

    private static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Phase == "Running"
        && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static DateTimeOffset? LastSeen(V1Pod pod)
    {
        var times = (pod.Status?.Conditions ?? []).Select(c => c.LastProbeTime ?? c.LastTransitionTime)
            .Append(pod.Metadata.CreationTimestamp)
            .OfType<DateTime>();
        return times.Any() ? new DateTimeOffset(DateTime.SpecifyKind(times.Max(), DateTimeKind.Utc)) : null;
    }

    private static (string Key, string Value) SplitLabel(string selector)
    {
        var equals = selector.IndexOf('=');
        return equals < 0 ? (selector, "") : (selector[..equals].Trim(), selector[(equals + 1)..].Trim());
    }
}
