namespace KongDashboard.Core.Tests.Leadership;

/// <summary>A SIGTERM never waits on in-flight work beyond the shutdown budget.</summary>
[Collection(ElectionHarness.Collection)]
public sealed class ShutdownTests
{
    [Fact]
    public async Task A_leader_stopping_within_a_spent_budget_returns_at_once_and_leaves_the_Lease_to_expire()
    {
        await using var harness = await ElectionHarness.StartAsync();
        var pods = harness.CandidatePods();
        // A renew deadline far beyond any test timeout: only the shutdown budget can end the release.
        var options = ElectionHarness.Options(pods[0]) with { RenewDeadline = TimeSpan.FromMinutes(10), LeaseDuration = TimeSpan.FromMinutes(11) };
        var leader = harness.StartReplica(pods[0], election: options);
        await Eventually.True(() => leader.Elector!.IsLeader, "the replica leads");
        await Eventually.True(() => harness.Pushes().Count > 0, "a push from the leader");

        using var budget = new CancellationTokenSource();
        await budget.CancelAsync();
        await leader.StopAsync(budget.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.False(leader.Elector!.IsLeader);
        var lease = await harness.LeaseAsync();
        Assert.Equal(pods[0], lease.Spec.HolderIdentity); // not released: the budget was spent before the release
    }
}
