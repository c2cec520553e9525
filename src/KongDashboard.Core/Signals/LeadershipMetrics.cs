using Prometheus;

namespace KongDashboard.Core.Signals;

/// <summary>Leader election metrics, labelled per controller instance so several replicas in one process stay apart.</summary>
public static class LeadershipMetrics
{
    public static readonly Gauge Leader = Metrics.CreateGauge(
        "kong_dashboard_leader", "1 while this controller instance leads (holds the election Lease), else 0.", "instance_id");

    public static readonly Counter Transitions = Metrics.CreateCounter(
        "kong_dashboard_leader_transitions_total", "Times this instance started or stopped leading.", "instance_id", "direction");

    public static readonly Histogram HandOffSeconds = Metrics.CreateHistogram(
        "kong_dashboard_leader_handoff_duration_seconds", "From a hand-off request to the new leader's first successful push, in seconds.",
        new HistogramConfiguration { LabelNames = ["instance_id"], Buckets = Histogram.ExponentialBuckets(0.01, 2, 14) });

    public static void StartedLeading(string instanceId)
    {
        Leader.WithLabels(instanceId).Set(1);
        Transitions.WithLabels(instanceId, "started").Inc();
    }

    public static void StoppedLeading(string instanceId)
    {
        Leader.WithLabels(instanceId).Set(0);
        Transitions.WithLabels(instanceId, "stopped").Inc();
    }

    public static void Follower(string instanceId) => Leader.WithLabels(instanceId).Set(0);

    public static void HandOffDuration(string instanceId, TimeSpan duration) =>
        HandOffSeconds.WithLabels(instanceId).Observe(duration.TotalSeconds);
}
