namespace KongDashboard.Core.Autoscaling;

/// <summary>What the autoscaling monitor watches and how much history it keeps.</summary>
public sealed record AutoscalingOptions
{
    /// <summary>"namespace/name" of the Kong Deployment (Kong:Deployment); null shows every HPA in the cluster.</summary>
    public string? KongDeployment { get; init; }

    /// <summary>metrics.k8s.io poll period (metrics-server itself refreshes every 15 s).</summary>
    public TimeSpan PodMetricsInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Samples kept per HPA: each is a change (replicas or a metric), taken as the HPA changes.</summary>
    public int HistoryLimit { get; init; } = 2160;

    /// <summary>Poll period of the HPAs' Events (besides every HPA change).</summary>
    public TimeSpan EventsInterval { get; init; } = TimeSpan.FromSeconds(5);

    public int EventsPerHpa { get; init; } = 50;

    public (string Namespace, string Name)? Deployment =>
        KongDeployment?.Split('/', 2) is [var ns, var name] && ns.Length > 0 && name.Length > 0 ? (ns, name) : null;
}
