using k8s.Models;

namespace KongDashboard.EmbeddedCluster.Simulation;

/// <summary>spec.behavior with the API's documented defaults filled in.</summary>
public static class HpaBehavior
{
    /// <summary>
    /// Default scale-up: no stabilization, at most max(4 pods, 100 %) per 60 s, as the API field docs state
    /// (the upstream defaulting code uses 15 s periods; the docs are what users read).
    /// </summary>
    public static V2HPAScalingRules ScaleUp(V2HorizontalPodAutoscalerSpec spec)
    {
        var rules = spec.Behavior?.ScaleUp;
        return new V2HPAScalingRules
        {
            StabilizationWindowSeconds = rules?.StabilizationWindowSeconds ?? 0,
            SelectPolicy = rules?.SelectPolicy ?? "Max",
            Policies = rules?.Policies is { Count: > 0 } p ? p : [Policy("Pods", 4, 60), Policy("Percent", 100, 60)],
            Tolerance = rules?.Tolerance,
        };
    }

    /// <summary>Default scale-down: a 300 s stabilization window, then up to 100 % per 15 s.</summary>
    public static V2HPAScalingRules ScaleDown(V2HorizontalPodAutoscalerSpec spec)
    {
        var rules = spec.Behavior?.ScaleDown;
        return new V2HPAScalingRules
        {
            StabilizationWindowSeconds = rules?.StabilizationWindowSeconds ?? 300,
            SelectPolicy = rules?.SelectPolicy ?? "Max",
            Policies = rules?.Policies is { Count: > 0 } p ? p : [Policy("Percent", 100, 15)],
            Tolerance = rules?.Tolerance,
        };
    }

    public static V2HPAScalingPolicy Policy(string type, int value, int periodSeconds) =>
        new() { Type = type, Value = value, PeriodSeconds = periodSeconds };
}
