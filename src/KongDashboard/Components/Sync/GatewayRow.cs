using KongDashboard.Core.Autoscaling;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;

namespace KongDashboard.Components.Sync;

/// <summary>One Kong gateway as the Gateways page shows it: the sync status joined with its pod and its metrics.</summary>
public sealed record GatewayRow(GatewayStatus Gateway, PodView? Pod, PodUsage? Usage)
{
    public string Id => Gateway.Id;

    // Identity, not value: MudDataGrid keys each <tr> by its item, so value equality made every status update a new
    // row to the renderer (the whole row torn down and rebuilt, text selection and keyboard focus lost). Equal by Id,
    // a live update re-renders only the cells whose text changed.
    public bool Equals(GatewayRow? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    public string Namespace => Gateway.Pod?.Namespace ?? "";

    /// <summary>The pod name, or the Admin API address for a gateway outside the cluster.</summary>
    public string Name => Display(Gateway);

    public string Address => Gateway.AdminUrl.Authority;

    /// <summary>What a link names the gateway by: its pod (namespace/name), which outlives an IP; else its id.</summary>
    public string LinkKey => Gateway.Pod?.ToString() ?? Id;

    /// <summary>Whether a <c>?gateway=</c> value names this gateway: its id (Admin API URL), its pod's namespace/name or pod name.</summary>
    public bool Matches(string key) =>
        string.Equals(key, Id, StringComparison.Ordinal)
        || (Gateway.Pod is { } pod && (string.Equals(key, pod.ToString(), StringComparison.Ordinal) || string.Equals(key, pod.Name, StringComparison.Ordinal)));

    /// <summary>The gateway as people name it: its pod name, or the Admin API address for one outside the cluster.</summary>
    public static string Display(GatewayStatus gateway) => gateway.Pod?.Name ?? gateway.AdminUrl.Authority;

    /// <summary>The name of the gateway with this id among <paramref name="gateways"/>; the id itself when none has it.</summary>
    public static string Display(IEnumerable<GatewayStatus> gateways, string gatewayId) =>
        gateways.FirstOrDefault(g => string.Equals(g.Id, gatewayId, StringComparison.Ordinal)) is { } known ? Display(known) : gatewayId;

    /// <summary>The pod's Ready condition; null when the pod (or the condition) is unknown.</summary>
    public bool? Ready => Pod?.Ready;

    public string? Phase => Pod?.Phase;

    public int Restarts => Pod?.Restarts ?? 0;

    /// <summary>Why the last container exited ("OOMKilled", "Error (137)").</summary>
    public string? LastTermination => Pod?.LastTermination;

    public string? Node => Gateway.Node ?? Pod?.Node;

    public DateTimeOffset? Created => Pod?.Created;

    /// <summary>Summed container requests, for "% of request"; null when no container sets one.</summary>
    public decimal? CpuRequestCores => Pod?.CpuRequestCores;

    public decimal? MemoryRequestBytes => Pod?.MemoryRequestBytes;

    public IEnumerable<PodConditionView> Conditions => Pod?.Conditions ?? [];

    public static IReadOnlyList<GatewayRow> From(ControllerState state) =>
        [.. state.Sync.Gateways.Select(g => new GatewayRow(
            g,
            g.Pod is { } key ? state.Pods.GetValueOrDefault(key) : null,
            g.Pod is { } pod && state.PodMetrics.Available ? state.PodMetrics.Usage.GetValueOrDefault(pod) : null))];
}
