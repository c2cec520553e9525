using System.Collections.Immutable;
using KongDashboard.Core.Autoscaling;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Trends;

namespace KongDashboard.Web.Tests.Components;

/// <summary>Controller states with an HPA, its history and Events, as the autoscaling monitor publishes them.</summary>
internal static class AutoscalingStates
{
    public static HpaView Hpa(int current, int desired, int cpu, params HpaMetricView[] extra)
    {
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-2);
        var history = Enumerable.Range(0, 6).Select(i => new HpaSample(t0.AddSeconds(10 * i), i < 3 ? 2 : current, i < 2 ? 2 : desired,
            [new MetricPoint("Resource:cpu", i < 2 ? 37 : cpu, 70)])).ToImmutableArray();
        return new HpaView(new ObjectKey("kong", "kong-gateway"), "Deployment", "kong-gateway", 2, 10, current, desired,
            [new HpaMetricView("Resource:cpu", "Resource", "cpu", "Utilization", "70%", $"{cpu}%", 70, cpu), .. extra],
            [
                new HpaConditionView("AbleToScale", "True", "SucceededRescale", "the HPA controller was able to update the target scale to 6", t0),
                new HpaConditionView("ScalingActive", "True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", t0),
                new HpaConditionView("ScalingLimited", "False", "DesiredWithinRange", "the desired count is within the acceptable range", t0),
            ],
            t0.AddSeconds(20), history,
            [new ScalingEvent(t0.AddSeconds(20), "Normal", "SuccessfulRescale", "New size: 6; reason: cpu resource utilization (percentage of request) above target", 1)]);
    }

    public static ControllerState With(ControllerState state, HpaView hpa, int rps = 200)
    {
        var withHpa = state with { SimulatedLoad = rps, Autoscaling = new AutoscalingState("HPAs of Deployment kong/kong-gateway", [hpa], DateTimeOffset.UtcNow) };
        var trends = OverviewTrends.Empty;
        foreach (var sample in hpa.History)
        {
            trends = trends.Add(OverviewSample.From(withHpa, sample.At) with { HpaCurrent = sample.CurrentReplicas, HpaDesired = sample.DesiredReplicas });
        }

        return withHpa with { Trends = trends };
    }
}
