using k8s.Models;
using KongDashboard.Core.Autoscaling;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;

namespace KongDashboard.Components.Sync;

/// <summary>One Kong gateway as the Gateways page shows it: the sync status joined with its pod and its metrics.</summary>
public sealed record GatewayRow(GatewayStatus Gateway, V1Pod? Pod, PodUsage? Usage)
{
    public string Id => Gateway.Id;

    public string Namespace => Gateway.Pod?.Namespace ?? "";

    /// <summary>The pod name, or the Admin API address for a gateway outside the cluster.</summary>
    public string Name => Gateway.Pod?.Name ?? Gateway.AdminUrl.Authority;

    public string Address => Gateway.AdminUrl.Authority;

    /// <summary>The pod's Ready condition; null when the pod (or the condition) is unknown.</summary>
    public bool? Ready => Condition("Ready") is { } ready ? ready.Status == "True" : null;

    public string? Phase => Pod?.Status?.Phase;

    public int Restarts => Pod?.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0;

    /// <summary>Why the last container exited ("OOMKilled", "Error (137)"), from containerStatuses[].lastState.terminated.</summary>
    public string? LastTermination => Pod?.Status?.ContainerStatuses?
        .Select(c => c.LastState?.Terminated)
        .OfType<V1ContainerStateTerminated>()
        .OrderByDescending(t => t.FinishedAt)
        .Select(t => $"{t.Reason ?? "Terminated"} ({t.ExitCode})")
        .FirstOrDefault();

    public string? Node => Gateway.Node ?? Pod?.Spec?.NodeName;

    public DateTimeOffset? Created => Pod?.Metadata?.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null;

    /// <summary>Summed container requests, for "% of request"; null when no container sets one.</summary>
    public decimal? CpuRequestCores => SumRequests("cpu");

    public decimal? MemoryRequestBytes => SumRequests("memory");

    public IEnumerable<V1PodCondition> Conditions => Pod?.Status?.Conditions ?? [];

    private V1PodCondition? Condition(string type) => Pod?.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private decimal? SumRequests(string resource)
    {
        var values = (Pod?.Spec?.Containers ?? [])
            .Select(c => c.Resources?.Requests is { } requests && requests.TryGetValue(resource, out var q) ? q : null)
            .OfType<ResourceQuantity>()
            .Select(q => q.ToDecimal())
            .ToList();
        return values.Count == 0 ? null : values.Sum();
    }

    public static IReadOnlyList<GatewayRow> From(ControllerState state) =>
        [.. state.Sync.Gateways.Select(g => new GatewayRow(
            g,
            g.Pod is { } key ? state.Snapshot.Pods.Get(key) : null,
            g.Pod is { } pod && state.PodMetrics.Available ? state.PodMetrics.Usage.GetValueOrDefault(pod) : null))];
}
