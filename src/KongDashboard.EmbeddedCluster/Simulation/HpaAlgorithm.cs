using k8s.Models;

namespace KongDashboard.EmbeddedCluster.Simulation;

/// <summary>What one metric asks for: a replica count and its status, or why it could not be computed.</summary>
public sealed record MetricProposal(int? Replicas, V2MetricStatus? Status, string Description, string? FailureReason = null, string? FailureMessage = null)
{
    public static MetricProposal Failed(string description, string reason, string message) => new(null, null, description, reason, message);
}

/// <summary>A past recommendation or scale change, kept per HPA between syncs.</summary>
public sealed record HpaTimedValue(DateTimeOffset At, int Value);

/// <summary>Per-HPA memory of the controller: recent recommendations (stabilization) and scale events (rate limits).</summary>
public sealed class HpaMemory
{
    public List<HpaTimedValue> Recommendations { get; } = [];

    public List<HpaTimedValue> ScaleUps { get; } = [];

    public List<HpaTimedValue> ScaleDowns { get; } = [];
}

/// <summary>A condition as the HPA controller sets it (type, status, reason, message).</summary>
public sealed record HpaCondition(string Type, string Status, string Reason, string Message);

/// <summary>The outcome of one sync: the replica count to scale to, the conditions and why a rescale happens.</summary>
public sealed record HpaDecision(int Desired, IReadOnlyList<HpaCondition> Conditions, IReadOnlyList<V2MetricStatus> CurrentMetrics, string? RescaleReason);

/// <summary>
/// The Kubernetes HPA algorithm (pkg/controller/podautoscaler/horizontal.go): per-metric proposals with a
/// tolerance, the highest wins; then behavior: stabilization windows and scale-up/-down rate policies; then min/max.
/// Pure: time and history come in, so it is unit-tested without a cluster.
/// </summary>
public static class HpaAlgorithm
{
    public const string DisabledMessage = "scaling is disabled since the replica count of the target is zero";

    /// <summary>desired = ceil(ready × current/target), unless the ratio is within the tolerance of 1.</summary>
    public static int Proposal(double usageRatio, int readyPods, int currentReplicas, double tolerance)
    {
        if (Math.Abs(1.0 - usageRatio) <= tolerance)
        {
            return currentReplicas;
        }

        return (int)Math.Ceiling(usageRatio * readyPods);
    }

    public static HpaDecision Decide(V2HorizontalPodAutoscalerSpec spec, int current, IReadOnlyList<MetricProposal> proposals, HpaMemory memory, DateTimeOffset now)
    {
        var min = spec.MinReplicas ?? 1;
        var max = spec.MaxReplicas;
        var statuses = proposals.Where(p => p.Status is not null).Select(p => p.Status!).ToList();
        var able = new HpaCondition("AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale");
        if (current == 0 && min != 0)
        {
            return new(0, [able, new("ScalingActive", "False", "ScalingDisabled", DisabledMessage)], [], null);
        }

        if (current > max)
        {
            return new(max, [able, Limited("TooManyReplicas", "the desired replica count is more than the maximum replica count")], statuses, "Current number of replicas above Spec.MaxReplicas");
        }

        if (current < min)
        {
            return new(min, [able, Limited("TooFewReplicas", "the desired replica count is less than the minimum replica count")], statuses, "Current number of replicas below Spec.MinReplicas");
        }

        var valid = proposals.Where(p => p.Replicas is not null).ToList();
        var failed = proposals.FirstOrDefault(p => p.Replicas is null);
        if (valid.Count == 0)
        {
            var reason = failed?.FailureReason ?? "FailedGetResourceMetric";
            var message = failed?.FailureMessage ?? "the HPA was unable to compute the replica count: no metrics";
            return new(current, [able, new("ScalingActive", "False", reason, message)], statuses, null);
        }

        var best = valid.MaxBy(p => p.Replicas!.Value)!;
        var proposed = best.Replicas!.Value;
        // Upstream: a metric that cannot be read might be the one asking for more, so never scale down then.
        if (failed is not null && proposed < current)
        {
            proposed = current;
        }

        var active = new HpaCondition("ScalingActive", "True", "ValidMetricFound",
            $"the HPA was able to successfully calculate a replica count from {best.Description}");

        var (stabilized, ableReason, ableMessage) = Stabilize(spec, current, proposed, memory, now);
        var (desired, limitReason, limitMessage) = LimitRate(spec, current, stabilized, min, max, memory, now);
        var limited = limitReason == "DesiredWithinRange"
            ? new HpaCondition("ScalingLimited", "False", limitReason, limitMessage)
            : Limited(limitReason, limitMessage);
        string? rescale = desired > current ? $"{best.Description} above target" : desired < current ? "All metrics below target" : null;
        return new(desired, [new("AbleToScale", "True", ableReason, ableMessage), active, limited], statuses, rescale);
    }

    /// <summary>Records a rescale so later syncs see it in the rate-limit periods.</summary>
    public static void RecordScale(HpaMemory memory, int from, int to, DateTimeOffset now)
    {
        if (to > from)
        {
            memory.ScaleUps.Add(new(now, to - from));
        }
        else if (to < from)
        {
            memory.ScaleDowns.Add(new(now, from - to));
        }
    }

    private static HpaCondition Limited(string reason, string message) => new("ScalingLimited", "True", reason, message);

    /// <summary>
    /// Scale up to the lowest, and down to the highest, recommendation within the respective window
    /// (stabilizeRecommendationWithBehaviors).
    /// </summary>
    private static (int Replicas, string Reason, string Message) Stabilize(V2HorizontalPodAutoscalerSpec spec, int current, int proposed, HpaMemory memory, DateTimeOffset now)
    {
        var upWindow = TimeSpan.FromSeconds(HpaBehavior.ScaleUp(spec).StabilizationWindowSeconds ?? 0);
        var downWindow = TimeSpan.FromSeconds(HpaBehavior.ScaleDown(spec).StabilizationWindowSeconds ?? 300);
        var up = proposed;
        var down = proposed;
        foreach (var r in memory.Recommendations)
        {
            if (r.At > now - upWindow)
            {
                up = Math.Min(up, r.Value);
            }

            if (r.At > now - downWindow)
            {
                down = Math.Max(down, r.Value);
            }
        }

        var longest = upWindow > downWindow ? upWindow : downWindow;
        memory.Recommendations.RemoveAll(r => r.At <= now - longest);
        memory.Recommendations.Add(new(now, proposed));

        var result = Math.Min(Math.Max(current, up), down);
        if (result == proposed)
        {
            return (result, "ReadyForNewScale", "recommended size matches current size");
        }

        return result < proposed
            ? (result, "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
            : (result, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation");
    }

    /// <summary>convertDesiredReplicasWithBehaviorRate: the scaling policies, then min/max.</summary>
    private static (int Replicas, string Reason, string Message) LimitRate(V2HorizontalPodAutoscalerSpec spec, int current, int desired, int min, int max, HpaMemory memory, DateTimeOffset now)
    {
        if (desired > current)
        {
            var limit = Math.Max(current, ScaleUpLimit(current, memory.ScaleUps, HpaBehavior.ScaleUp(spec), now));
            var (allowed, reason, message) = max > limit
                ? (limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
                : (max, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
            if (desired > allowed)
            {
                return (allowed, reason, message);
            }
        }
        else if (desired < current)
        {
            var limit = Math.Min(current, ScaleDownLimit(current, memory.ScaleDowns, HpaBehavior.ScaleDown(spec), now));
            var (allowed, reason, message) = min < limit
                ? (limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate")
                : (min, "TooFewReplicas", "the desired replica count is less than the minimum replica count");
            if (desired < allowed)
            {
                return (allowed, reason, message);
            }
        }

        return (desired, "DesiredWithinRange", "the desired count is within the acceptable range");
    }

    internal static int ScaleUpLimit(int current, IReadOnlyList<HpaTimedValue> events, V2HPAScalingRules rules, DateTimeOffset now)
    {
        if (rules.SelectPolicy == "Disabled")
        {
            return current;
        }

        var selectMin = rules.SelectPolicy == "Min";
        var result = selectMin ? int.MaxValue : int.MinValue;
        foreach (var policy in rules.Policies ?? [])
        {
            var start = current - events.Where(e => e.At > now - TimeSpan.FromSeconds(policy.PeriodSeconds)).Sum(e => e.Value);
            var proposed = policy.Type == "Pods" ? start + policy.Value : (int)Math.Ceiling(start * (1 + policy.Value / 100.0));
            result = selectMin ? Math.Min(result, proposed) : Math.Max(result, proposed);
        }

        return result;
    }

    internal static int ScaleDownLimit(int current, IReadOnlyList<HpaTimedValue> events, V2HPAScalingRules rules, DateTimeOffset now)
    {
        if (rules.SelectPolicy == "Disabled")
        {
            return current;
        }
        // "Max" picks the policy allowing the biggest change, i.e. the lowest replica count.
        var selectMin = rules.SelectPolicy == "Min";
        var result = selectMin ? int.MinValue : int.MaxValue;
        foreach (var policy in rules.Policies ?? [])
        {
            var start = current + events.Where(e => e.At > now - TimeSpan.FromSeconds(policy.PeriodSeconds)).Sum(e => e.Value);
            var proposed = policy.Type == "Pods" ? start - policy.Value : (int)(start * (1 - policy.Value / 100.0));
            result = selectMin ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }

        return result;
    }
}
