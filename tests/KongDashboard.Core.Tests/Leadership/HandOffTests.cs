using System.Diagnostics;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Tests.Support;

namespace KongDashboard.Core.Tests.Leadership;

/// <summary>Targeted hand-off through Lease annotations, seen from the Lease, the replicas and the gateways.</summary>
[Collection(ElectionHarness.Collection)]
public sealed class HandOffTests
{
    private static async Task<(ElectionHarness Harness, IReadOnlyList<string> Ids)> ThreeReplicasAsync()
    {
        var harness = await ElectionHarness.StartAsync();
        var ids = harness.CandidatePods();
        foreach (var id in ids)
        {
            harness.StartReplica(id);
        }

        var leader = await harness.LeaderAsync();
        await Eventually.True(() => harness.Pushes().Any(p => p.Instance == leader.InstanceId), "the leader pushed");
        await Eventually.True(() => harness.Replicas.All(r => r.State.Current.Leadership.Candidates.Count(c => c.Ready) == 3), "every replica sees three ready candidates");
        return (harness, ids);
    }

    [Fact]
    public async Task Hands_off_to_the_requested_candidate_with_nobody_else_leading_in_between()
    {
        var (harness, ids) = await ThreeReplicasAsync();
        await using var _ = harness;
        var leader = harness.Leaders().Single();
        var target = ids.First(id => id != leader.InstanceId);
        var before = await harness.LeaseAsync();
        using var monitor = LeaderMonitor.Start(harness);

        // The electors' clock does not move: the hand-off runs on watch events alone, with no retry period in it.
        var requestedAt = harness.Clock.GetUtcNow();
        await harness.RequestHandOffAsync(target, "alice");
        var firstPush = await Eventually.Until(
            () => harness.Pushes().FirstOrDefault(p => p.Instance == target),
            p => p is not null, "the target's first push");

        var lease = await harness.LeaseAsync();
        Assert.Equal(target, lease.Spec.HolderIdentity);
        Assert.Equal(before.Spec.LeaseTransitions + 1, lease.Spec.LeaseTransitions);
        Assert.Null(LeaseAnnotations.Request(lease));
        var result = LeaseAnnotations.ResultOf(lease)!;
        Assert.Equal((HandOffOutcome.Completed, target, leader.InstanceId, "alice"), (result.Outcome, result.Target, result.From, result.RequestedBy));
        Assert.Equal(new LeaseTerm(lease.Spec.LeaseTransitions!.Value, target), firstPush!.Term);
        Assert.Equal(requestedAt, harness.Clock.GetUtcNow());

        // From the gateways' side: every push of the old term precedes every push of the new one.
        var pushes = harness.Pushes();
        Assert.True(pushes.Where(p => p.Instance == leader.InstanceId).Max(p => p.At) <= firstPush.At);
        Assert.DoesNotContain(pushes, p => p.Instance is { } i && i != leader.InstanceId && i != target);
        Assert.Equal(0, monitor.Overlaps);
        Assert.DoesNotContain(monitor.LeadersSeen, id => id != leader.InstanceId && id != target);

        // The new leader records request → first push on the Lease; every replica shows it.
        var shown = await Eventually.Until(() => harness.Replicas.Select(r => r.State.Current.Leadership.LastHandOff).ToList(),
            all => all!.All(h => h?.FirstPushAt is not null), "the duration on every replica");
        // Request → first push on the electors' clock, which stood still: under 1 ms (the annotation's precision).
        Assert.All(shown, h => Assert.InRange(h!.Duration!.Value, TimeSpan.Zero, TimeSpan.FromMilliseconds(1)));
        var targetState = harness.Replicas.Single(r => r.InstanceId == target).State.Current.Leadership;
        Assert.True(targetState.IsLeader);
        Assert.Contains(targetState.Timeline, e => e.Kind == LeadershipEventKind.FirstPush && e.Duration is not null);
        Assert.Equal(LeaseAnnotations.FormatTime(requestedAt), LeaseAnnotations.FormatTime(result.RequestedAt!.Value));
    }

    [Fact]
    public async Task Hands_off_to_any_other_ready_candidate()
    {
        var (harness, _) = await ThreeReplicasAsync();
        await using var __ = harness;
        var leader = harness.Leaders().Single();
        await harness.RequestHandOffAsync(LeaseAnnotations.AnyCandidate);
        var next = await Eventually.Until(() => harness.Leaders().SingleOrDefault(), l => l is not null && l != leader, "another leader");
        var result = LeaseAnnotations.ResultOf(await harness.LeaseAsync())!;
        Assert.Equal(HandOffOutcome.Completed, result.Outcome);
        Assert.Equal(next!.InstanceId, result.Target);
    }

    [Fact]
    public async Task Refuses_a_target_that_is_not_a_candidate_and_says_why()
    {
        var (harness, _) = await ThreeReplicasAsync();
        await using var __ = harness;
        var leader = harness.Leaders().Single();
        var before = await harness.LeaseAsync();
        await harness.RequestHandOffAsync("kong-gateway-impostor");

        var state = await Eventually.Until(() => leader.State.Current.Leadership, s => s!.LastHandOff is { Outcome: HandOffOutcome.Refused }, "refusal");
        Assert.Contains("not a candidate", state.LastHandOff!.Reason, StringComparison.Ordinal);
        Assert.Null(state.PendingHandOff);
        Assert.Contains(state.Timeline, e => e.Kind == LeadershipEventKind.HandOffRefused);
        var lease = await harness.LeaseAsync();
        Assert.Equal(leader.InstanceId, lease.Spec.HolderIdentity);
        Assert.Equal(before.Spec.LeaseTransitions, lease.Spec.LeaseTransitions);
        Assert.Null(LeaseAnnotations.Request(lease));
        Assert.True(leader.Elector!.IsLeader);
    }

    [Fact]
    public async Task Kubectl_annotate_lease_requests_a_hand_off()
    {
        var (harness, ids) = await ThreeReplicasAsync();
        await using var _ = harness;
        var leader = harness.Leaders().Single();
        var target = ids.Last(id => id != leader.InstanceId);
        var directory = Directory.CreateTempSubdirectory("kubectl-handoff");
        var kubeconfig = harness.Cluster.Server.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig"));

        var info = new ProcessStartInfo("kubectl", [
            $"--cache-dir={directory.FullName}/cache", "annotate", "lease", ElectionHarness.LeaseName, "-n", ElectionHarness.Namespace,
            $"{LeaseAnnotations.HandOffTo}={target}", $"{LeaseAnnotations.RequestedBy}=kubectl-user"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["KUBECONFIG"] = kubeconfig;
        using var kubectl = Process.Start(info)!;
        var output = await kubectl.StandardOutput.ReadToEndAsync() + await kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        Assert.True(kubectl.ExitCode == 0, output);

        await Eventually.True(() => harness.Leaders().SingleOrDefault()?.InstanceId == target, "the target leads");
        var result = LeaseAnnotations.ResultOf(await harness.LeaseAsync())!;
        Assert.Equal(("kubectl-user", (DateTimeOffset?)null), (result.RequestedBy, result.RequestedAt));
    }
}
