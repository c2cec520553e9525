namespace KongDashboard.EmbeddedCluster.Simulation;

/// <summary>
/// The embedded load simulation and HPA controller. Periods are short so the demo scales within seconds;
/// the scale-up/scale-down periods themselves come from each HPA's <c>spec.behavior</c>.
/// </summary>
public sealed record LoadSimulationOptions
{
    /// <summary>How often the HPA controller syncs (kube-controller-manager's --horizontal-pod-autoscaler-sync-period, 15 s by default).</summary>
    public TimeSpan HpaSyncPeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the load generator refreshes pod metrics and gateway counters (metrics-server resolution).</summary>
    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The HPA controller's tolerance: no scaling while |current/target − 1| is at most this.</summary>
    public double Tolerance { get; init; } = 0.1;

    public LoadModel Model { get; init; } = new();

    /// <summary>
    /// The HPA controller's clock: its sync period, stabilization windows, rate-limit periods and status times. Tests
    /// pass a fake one to move through windows in virtual time. The load generator stays on the machine's clock: it
    /// stands for metrics-server, whose samples reach the HPA on their own schedule.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
