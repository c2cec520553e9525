namespace KongDashboard.Actions;

/// <summary>Ask the leader to hand the Lease to <paramref name="Target"/> (a candidate's identity, or "any").</summary>
public sealed record HandOffAction(string Target) : DashboardAction("hand-off", Target);

/// <summary>Embedded demo only (carried out by the demo's <see cref="KongDashboard.Hosting.IClusterHosting"/>): stop the leader abruptly, without releasing the Lease, to show failover.</summary>
public sealed record CrashLeaderAction() : DashboardAction("crash-leader", "the current leader");
