using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Controller;

/// <summary>A pod condition as pages show it.</summary>
public sealed record PodConditionView(string Type, string Status, string? Reason, string? Message, DateTime? LastTransitionTime);

/// <summary>
/// What pages show of a pod (the Gateways page's pod columns, the audit Event's involved object): a small immutable
/// view, so the UI never receives the cluster snapshot (nor, through it, a Secret).
/// </summary>
public sealed record PodView(
    ObjectKey Key,
    string? Uid,
    string? Node,
    string? Phase,
    string? PodIP,
    int Restarts,
    string? LastTermination,
    DateTimeOffset? Created,
    decimal? CpuRequestCores,
    decimal? MemoryRequestBytes,
    ImmutableArray<PodConditionView> Conditions)
{
    /// <summary>The Ready condition; null when unknown.</summary>
    public bool? Ready => Conditions.FirstOrDefault(c => c.Type == "Ready") is { } ready ? ready.Status == "True" : null;

    public static PodView Of(V1Pod pod) => new(
        ObjectKey.Of(pod.Metadata),
        pod.Metadata.Uid,
        pod.Spec?.NodeName,
        pod.Status?.Phase,
        pod.Status?.PodIP,
        pod.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0,
        // Why the last container exited ("OOMKilled (137)"), from containerStatuses[].lastState.terminated.
        pod.Status?.ContainerStatuses?
            .Select(c => c.LastState?.Terminated)
            .OfType<V1ContainerStateTerminated>()
            .OrderByDescending(t => t.FinishedAt)
            .Select(t => $"{t.Reason ?? "Terminated"} ({t.ExitCode})")
            .FirstOrDefault(),
        pod.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
        SumRequests(pod, "cpu"),
        SumRequests(pod, "memory"),
        [.. (pod.Status?.Conditions ?? []).Select(c => new PodConditionView(c.Type, c.Status, c.Reason, c.Message, c.LastTransitionTime))]);

    /// <summary>Every pod of the snapshot, by key.</summary>
    public static ImmutableDictionary<ObjectKey, PodView> AllOf(ClusterSnapshot snapshot) =>
        snapshot.Pods.Select(Of).ToImmutableDictionary(p => p.Key);

    private static decimal? SumRequests(V1Pod pod, string resource)
    {
        var values = (pod.Spec?.Containers ?? [])
            .Select(c => c.Resources?.Requests is { } requests && requests.TryGetValue(resource, out var q) ? q : null)
            .OfType<ResourceQuantity>()
            .Select(q => q.ToDecimal())
            .ToList();
        return values.Count == 0 ? null : values.Sum();
    }
}
