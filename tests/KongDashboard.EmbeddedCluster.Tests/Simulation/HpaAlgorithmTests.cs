using k8s.Models;
using KongDashboard.EmbeddedCluster.Simulation;

namespace KongDashboard.EmbeddedCluster.Tests.Simulation;

public sealed class HpaAlgorithmTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static V2HorizontalPodAutoscalerSpec Spec(int min = 2, int max = 10, V2HorizontalPodAutoscalerBehavior? behavior = null) => new()
    {
        MinReplicas = min,
        MaxReplicas = max,
        ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "kong-gateway" },
        Behavior = behavior,
    };

    private static V2HorizontalPodAutoscalerBehavior Demo => new()
    {
        ScaleUp = new V2HPAScalingRules { StabilizationWindowSeconds = 0, Policies = [HpaBehavior.Policy("Pods", 4, 15), HpaBehavior.Policy("Percent", 100, 15)] },
        ScaleDown = new V2HPAScalingRules { StabilizationWindowSeconds = 30, Policies = [HpaBehavior.Policy("Percent", 100, 15)] },
    };

    private static MetricProposal Cpu(int utilization, int ready, int current, int target = 70) =>
        new(HpaAlgorithm.Proposal((double)utilization / target, ready, current, 0.1), null, "cpu resource utilization (percentage of request)");

    private static HpaCondition Condition(HpaDecision d, string type) => d.Conditions.Single(c => c.Type == type);

    [Theory]
    [InlineData(70, 4, 4)]  // on target
    [InlineData(76, 4, 4)]  // ratio 1.086: within the 0.1 tolerance
    [InlineData(64, 4, 4)]  // ratio 0.914: within the tolerance
    [InlineData(78, 4, 5)]  // ratio 1.114: ceil(4.46)
    [InlineData(140, 4, 8)] // doubled
    [InlineData(35, 4, 2)]  // halved
    public void Proposal_is_ceil_of_ready_times_ratio_outside_the_tolerance(int utilization, int ready, int expected) =>
        Assert.Equal(expected, Cpu(utilization, ready, ready).Replicas);

    [Fact]
    public void Desired_is_clamped_to_max_with_TooManyReplicas()
    {
        var d = HpaAlgorithm.Decide(Spec(max: 5, behavior: Demo), 4, [Cpu(300, 4, 4)], new HpaMemory(), T0);

        Assert.Equal(5, d.Desired);
        Assert.Equal(("True", "TooManyReplicas"), (Condition(d, "ScalingLimited").Status, Condition(d, "ScalingLimited").Reason));
        Assert.Equal("cpu resource utilization (percentage of request) above target", d.RescaleReason);
    }

    [Fact]
    public void Desired_is_clamped_to_min_with_TooFewReplicas()
    {
        var d = HpaAlgorithm.Decide(Spec(behavior: new() { ScaleDown = new() { StabilizationWindowSeconds = 0 } }), 3, [Cpu(10, 3, 3)], new HpaMemory(), T0);

        Assert.Equal(2, d.Desired);
        Assert.Equal("TooFewReplicas", Condition(d, "ScalingLimited").Reason);
        Assert.Equal("All metrics below target", d.RescaleReason);
    }

    [Fact]
    public void Scale_up_is_limited_by_the_policies_and_counts_earlier_scale_ups_in_the_period()
    {
        var memory = new HpaMemory();
        // 2 pods at 700 %: wants 20 (clamped to 10); max(2+4, 2×2) = 6 allowed.
        var first = HpaAlgorithm.Decide(Spec(behavior: Demo), 2, [Cpu(700, 2, 2)], memory, T0);
        Assert.Equal(6, first.Desired);
        Assert.Equal(("True", "ScaleUpLimit"), (Condition(first, "ScalingLimited").Status, Condition(first, "ScalingLimited").Reason));
        HpaAlgorithm.RecordScale(memory, 2, 6, T0);

        // 5 s later the period still started at 2 pods: no further growth allowed.
        var second = HpaAlgorithm.Decide(Spec(behavior: Demo), 6, [Cpu(300, 6, 6)], memory, T0.AddSeconds(5));
        Assert.Equal(6, second.Desired);
        Assert.Equal("ScaleUpLimit", Condition(second, "ScalingLimited").Reason);

        // After the 15 s period: from 6, max(10, 12) → clamped by max 10.
        var third = HpaAlgorithm.Decide(Spec(behavior: Demo), 6, [Cpu(300, 6, 6)], memory, T0.AddSeconds(16));
        Assert.Equal(10, third.Desired);
    }

    [Fact]
    public void Default_scale_up_allows_max_of_4_pods_and_100_percent_per_60_s()
    {
        Assert.Equal(6, HpaAlgorithm.ScaleUpLimit(2, [], HpaBehavior.ScaleUp(Spec()), T0));
        Assert.Equal(16, HpaAlgorithm.ScaleUpLimit(8, [], HpaBehavior.ScaleUp(Spec()), T0));
        Assert.Equal(6, HpaAlgorithm.ScaleUpLimit(6, [new(T0.AddSeconds(-59), 4)], HpaBehavior.ScaleUp(Spec()), T0));
    }

    [Fact]
    public void Scale_down_waits_for_the_stabilization_window()
    {
        var memory = new HpaMemory();
        var high = HpaAlgorithm.Decide(Spec(behavior: Demo), 6, [Cpu(70, 6, 6)], memory, T0);
        Assert.Equal(6, high.Desired);

        // Load drops: the recommendation of 2 is held back by the 6 recommended within the last 30 s.
        var held = HpaAlgorithm.Decide(Spec(behavior: Demo), 6, [Cpu(13, 6, 6)], memory, T0.AddSeconds(3));
        Assert.Equal(6, held.Desired);
        Assert.Equal("ScaleDownStabilized", Condition(held, "AbleToScale").Reason);
        Assert.Null(held.RescaleReason);

        var stillHeld = HpaAlgorithm.Decide(Spec(behavior: Demo), 6, [Cpu(13, 6, 6)], memory, T0.AddSeconds(29));
        Assert.Equal(6, stillHeld.Desired);

        var down = HpaAlgorithm.Decide(Spec(behavior: Demo), 6, [Cpu(13, 6, 6)], memory, T0.AddSeconds(31));
        Assert.Equal(2, down.Desired);
        Assert.Equal("ReadyForNewScale", Condition(down, "AbleToScale").Reason);
        Assert.Equal("All metrics below target", down.RescaleReason);
    }

    [Fact]
    public void Default_scale_down_window_is_300_s()
    {
        var memory = new HpaMemory();
        HpaAlgorithm.Decide(Spec(), 6, [Cpu(70, 6, 6)], memory, T0);
        Assert.Equal(6, HpaAlgorithm.Decide(Spec(), 6, [Cpu(13, 6, 6)], memory, T0.AddSeconds(299)).Desired);
        Assert.Equal(2, HpaAlgorithm.Decide(Spec(), 6, [Cpu(13, 6, 6)], memory, T0.AddSeconds(301)).Desired);
    }

    [Fact]
    public void A_valid_metric_sets_ScalingActive_ValidMetricFound_and_within_range_is_not_limited()
    {
        var d = HpaAlgorithm.Decide(Spec(behavior: Demo), 4, [Cpu(70, 4, 4)], new HpaMemory(), T0);

        Assert.Equal(4, d.Desired);
        Assert.Equal(("True", "ValidMetricFound"), (Condition(d, "ScalingActive").Status, Condition(d, "ScalingActive").Reason));
        Assert.Contains("cpu resource utilization (percentage of request)", Condition(d, "ScalingActive").Message);
        Assert.Equal(("False", "DesiredWithinRange"), (Condition(d, "ScalingLimited").Status, Condition(d, "ScalingLimited").Reason));
        Assert.Equal("ReadyForNewScale", Condition(d, "AbleToScale").Reason);
    }

    [Fact]
    public void No_computable_metric_sets_ScalingActive_false_with_the_metric_reason_and_keeps_the_size()
    {
        var failed = MetricProposal.Failed("pods metric rps", "FailedGetPodsMetric", "unable to get pods metric rps");

        var d = HpaAlgorithm.Decide(Spec(behavior: Demo), 4, [failed], new HpaMemory(), T0);

        Assert.Equal(4, d.Desired);
        Assert.Equal(("False", "FailedGetPodsMetric"), (Condition(d, "ScalingActive").Status, Condition(d, "ScalingActive").Reason));
        Assert.Null(d.RescaleReason);
    }

    [Fact]
    public void A_failed_metric_blocks_scale_down_but_not_scale_up()
    {
        var failed = MetricProposal.Failed("external metric queue", "FailedGetExternalMetric", "no external metrics API");

        Assert.Equal(4, HpaAlgorithm.Decide(Spec(behavior: Demo), 4, [Cpu(10, 4, 4), failed], new HpaMemory(), T0).Desired);
        Assert.Equal(8, HpaAlgorithm.Decide(Spec(behavior: Demo), 4, [Cpu(140, 4, 4), failed], new HpaMemory(), T0).Desired);
    }

    [Fact]
    public void A_target_scaled_to_zero_disables_scaling()
    {
        var d = HpaAlgorithm.Decide(Spec(behavior: Demo), 0, [Cpu(100, 0, 0)], new HpaMemory(), T0);

        Assert.Equal(("False", "ScalingDisabled"), (Condition(d, "ScalingActive").Status, Condition(d, "ScalingActive").Reason));
        Assert.Equal(0, d.Desired);
    }

    [Fact]
    public void The_highest_metric_proposal_wins()
    {
        var memory = new MetricProposal(7, null, "memory resource utilization (percentage of request)");

        var d = HpaAlgorithm.Decide(Spec(behavior: Demo), 4, [Cpu(100, 4, 4), memory], new HpaMemory(), T0);

        Assert.Equal(7, d.Desired);
        Assert.Equal("memory resource utilization (percentage of request) above target", d.RescaleReason);
    }
}
