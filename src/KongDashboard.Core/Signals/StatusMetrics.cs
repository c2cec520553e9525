using KongDashboard.Core.Status;
using Prometheus;

namespace KongDashboard.Core.Signals;

/// <summary>
/// The metrics about objects' translation/apply state, derived from the <see cref="StatusBoard"/> (never counted
/// elsewhere), so /metrics agrees with the pages and /api/v1.
/// </summary>
public static class StatusMetrics
{
    public static readonly Gauge Objects = Metrics.CreateGauge(
        "kong_dashboard_objects", "Objects that feed translation, by state (the status board's counts).",
        "state", "instance_id");

    /// <summary>Sets every state's gauge and KIC's translation broken-resource count from one board.</summary>
    public static void Record(string instanceId, StatusBoard board)
    {
        foreach (var state in Enum.GetValues<ObjectState>())
        {
            Objects.WithLabels(state.ToString(), instanceId).Set(board.Counts.Of(state));
        }

        ControllerMetrics.TranslationBrokenResources.WithLabels(instanceId).Set(board.Counts.FailedToTranslate);
    }
}
