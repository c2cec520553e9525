using KongDashboard.Core.Controller;
using KongDashboard.Core.Leadership;

namespace KongDashboard.Hosting;

/// <summary>Leader election: <c>Controller:*</c> in configuration, named as KIC's flags (--election-id, --election-namespace).</summary>
public sealed class ElectionSettings
{
    /// <summary>true/false forces election on or off (KIC's --force-leader-election); unset: KIC's rule.</summary>
    public bool? LeaderElection { get; set; }

    /// <summary>The Lease's name. The deploy manifests set kong-ingress-controller-leader-kong, as KIC's Helm chart does.</summary>
    public string ElectionId { get; set; } = LeaderElectionOptions.DefaultElectionId;

    /// <summary>The Lease's namespace; default: the pod's own ($POD_NAMESPACE), "kong" in the embedded cluster.</summary>
    public string? ElectionNamespace { get; set; }

    /// <summary>Seconds (whole).</summary>
    public double LeaseDuration { get; set; } = 15;

    /// <summary>Seconds.</summary>
    public double RenewDeadline { get; set; } = 10;

    /// <summary>Seconds.</summary>
    public double RetryPeriod { get; set; } = 2;

    /// <summary>Kong backed by a database (<c>Kong:Database</c> other than "off"): election on, as in KIC's DB mode.</summary>
    public string? KongDatabase { get; set; }

    public bool DatabaseMode => KongDatabase is { Length: > 0 } db && !db.Equals("off", StringComparison.OrdinalIgnoreCase);

    public LeaderElectionOptions ToOptions(string identity, string defaultNamespace) => new LeaderElectionOptions
    {
        Identity = identity,
        Namespace = ElectionNamespace ?? defaultNamespace,
        LeaseName = ElectionId,
        LeaseDuration = TimeSpan.FromSeconds(LeaseDuration),
        RenewDeadline = TimeSpan.FromSeconds(RenewDeadline),
        RetryPeriod = TimeSpan.FromSeconds(RetryPeriod),
    }.Validate();

    /// <summary>Adds leader election to a replica's options when KIC's rule (or the override) says so.</summary>
    public ControllerInstanceOptions Apply(ControllerInstanceOptions options, string defaultNamespace)
    {
        var (enabled, reason) = LeaderElectionPolicy.Decide(options.Connection.Role, LeaderElection, options.Kong, DatabaseMode);
        return options with
        {
            LeaderElection = enabled ? ToOptions(options.InstanceId, defaultNamespace) : null,
            LeaderElectionOffReason = enabled ? null : reason,
        };
    }
}
