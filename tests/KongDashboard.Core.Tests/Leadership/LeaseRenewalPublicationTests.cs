using KongDashboard.Core.Controller;

namespace KongDashboard.Core.Tests.Leadership;

/// <summary>
/// A Lease renewal (every RetryPeriod) moves only its renew time and resourceVersion: no replica publishes a new
/// leadership or controller state for it, yet the renew time each replica shows is the latest (read live).
/// </summary>
[Collection(ElectionHarness.Collection)]
public sealed class LeaseRenewalPublicationTests
{
    [Fact]
    public async Task Renewals_publish_nothing_and_every_replica_still_reads_the_latest_renew_time()
    {
        await using var harness = await ElectionHarness.StartAsync();
        var ids = harness.CandidatePods();
        var a = harness.StartReplica(ids[0]);
        await Eventually.True(() => a.Elector!.IsLeader && harness.Pushes().Any(p => p.Instance == ids[0]), "pod a leads and pushes");
        var b = harness.StartReplica(ids[1]);
        await Eventually.True(() => b.State.Current.Leadership.Holder == ids[0], "pod b follows");
        // Settle: pod b has just started (its first polls and views still arrive with the clock's steps). Renew until
        // three renewals in a row leave both replicas' states as they were.
        var quiet = 0;
        for (var step = 0; step < 40 && quiet < 3; step++)
        {
            var (before, beforeB) = (a.State.Current, b.State.Current);
            await harness.RenewOnceAsync(a);
            quiet = ReferenceEquals(before, a.State.Current) && ReferenceEquals(beforeB, b.State.Current) ? quiet + 1 : 0;
        }

        Assert.True(quiet >= 3, "the two replicas never settled");

        var leadership = new[] { a.Elector!.State.Current, b.Elector!.State.Current };
        var states = new[] { a.State.Current, b.State.Current };
        for (var renewal = 0; renewal < 5; renewal++)
        {
            var lease = await harness.RenewOnceAsync(a);

            // Positive control: the renewal happened and both replicas read its renew time.
            var renewed = new DateTimeOffset(DateTime.SpecifyKind(lease.Spec.RenewTime!.Value, DateTimeKind.Utc));
            Assert.All(new[] { a, b }, r => Assert.Equal(renewed, r.State.Current.Leadership.Lease!.RenewTime));
            Assert.All(new[] { a, b }, r => Assert.Equal(lease.Metadata.ResourceVersion, r.State.Current.Leadership.Lease!.ResourceVersion));
        }

        Assert.Same(leadership[0], a.Elector.State.Current);
        Assert.Same(leadership[1], b.Elector.State.Current);
        Assert.Same(states[0].Leadership, a.State.Current.Leadership);
        Assert.Same(states[1].Leadership, b.State.Current.Leadership);
        var changed = typeof(ControllerState).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && !Equals(p.GetValue(states[1]), p.GetValue(b.State.Current))).Select(p => p.Name);
        Assert.True(ReferenceEquals(states[1], b.State.Current), "b changed: " + string.Join(", ", changed));
        Assert.Same(states[0], a.State.Current);
    }
}
