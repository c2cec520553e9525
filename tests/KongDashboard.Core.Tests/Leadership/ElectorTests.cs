using k8s;
using k8s.Models;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Tests.Support;

namespace KongDashboard.Core.Tests.Leadership;

/// <summary>
/// The elector's Lease protocol against the embedded API server over real HTTP, on scaled timings (3/2/0.5 s) of the
/// harness's virtual clock: "at once" means without the clock moving, durations are read off the Lease's own times.
/// </summary>
[Collection(ElectionHarness.Collection)]
public sealed class ElectorTests
{
    [Fact]
    public async Task Acquires_an_absent_lease_and_keeps_renewing_it()
    {
        await using var harness = await ElectionHarness.StartAsync();
        var a = harness.StartReplica("pod-a", withKong: false);

        await Eventually.True(() => a.Elector!.IsLeader, "pod-a leads");
        var first = await harness.LeaseAsync();
        Assert.Equal("pod-a", first.Spec.HolderIdentity);
        Assert.Equal(0, first.Spec.LeaseTransitions);
        Assert.Equal(3, first.Spec.LeaseDurationSeconds);

        // Renewals, one per RetryPeriod of the clock: renewTime moves on with it, the holder and term stay.
        await harness.RenewOnceAsync(a);
        var renewed = await harness.RenewOnceAsync(a);
        var between = renewed.Spec.RenewTime!.Value - first.Spec.RenewTime!.Value;
        Assert.InRange(between, 2 * ElectionHarness.RetryPeriod - TimeSpan.FromMilliseconds(1), 2 * ElectionHarness.RetryPeriod + TimeSpan.FromMilliseconds(1));
        Assert.Equal("pod-a", renewed.Spec.HolderIdentity);
        Assert.Equal(0, renewed.Spec.LeaseTransitions);
        Assert.Equal(first.Spec.AcquireTime, renewed.Spec.AcquireTime);
        Assert.True(a.State.Current.Leadership.IsLeader);
        Assert.Equal(new LeaseTerm(0, "pod-a"), a.Elector!.Term);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task Acquires_a_lease_whose_holder_is_empty_or_null(string? holder)
    {
        await using var harness = await ElectionHarness.StartAsync();
        await harness.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = ElectionHarness.LeaseName, NamespaceProperty = ElectionHarness.Namespace },
            Spec = new V1LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = 15, LeaseTransitions = 4 },
        }, ElectionHarness.Namespace);

        // The clock does not move: a free Lease is taken at once, not after LeaseDuration.
        var a = harness.StartReplica("pod-a", withKong: false);
        await Eventually.True(() => a.Elector!.IsLeader, "pod-a leads");
        var lease = await harness.LeaseAsync();
        Assert.Equal("pod-a", lease.Spec.HolderIdentity);
        Assert.Equal(5, lease.Spec.LeaseTransitions);
    }

    [Fact]
    public async Task A_second_candidate_waits_while_the_leader_renews()
    {
        await using var harness = await ElectionHarness.StartAsync();
        var a = harness.StartReplica("pod-a", withKong: false);
        await Eventually.True(() => a.Elector!.IsLeader, "pod-a leads");
        var b = harness.StartReplica("pod-b", withKong: false);
        using var monitor = LeaderMonitor.Start(harness);

        // Over more than two lease durations of renewals, pod-b never leads.
        var since = (await harness.LeaseAsync()).Spec.RenewTime!.Value;
        var renewals = 0;
        while ((await harness.RenewOnceAsync(a)).Spec.RenewTime <= since + 2 * ElectionHarness.LeaseDuration)
        {
            renewals++;
        }

        Assert.True(renewals >= 12, $"{renewals} renewals");
        Assert.False(b.Elector!.IsLeader);
        Assert.Equal("pod-a", b.State.Current.Leadership.Holder);
        Assert.Equal(0, monitor.Overlaps);
        Assert.Equal(["pod-a"], monitor.LeadersSeen);
    }

    [Fact]
    public async Task A_crashed_leader_is_replaced_after_the_lease_expires()
    {
        await using var harness = await ElectionHarness.StartAsync();
        var a = harness.StartReplica("pod-a", withKong: false);
        await Eventually.True(() => a.Elector!.IsLeader, "pod-a leads");
        var b = harness.StartReplica("pod-b", withKong: false);
        await Eventually.True(() => b.State.Current.Leadership.Holder == "pod-a", "pod-b sees pod-a");

        var renewed = await harness.RenewOnceAsync(a); // pod-b observed this record now: it expires LeaseDuration from now
        await harness.StopAsync(a, crash: true);

        // 10 ms before expiry pod-b looks again (its retry falls due) and waits; at expiry it takes over.
        var expiry = harness.Clock.GetUtcNow() + ElectionHarness.LeaseDuration;
        var reads = harness.CountLeaseReads();
        harness.Clock.Advance(ElectionHarness.LeaseDuration - TimeSpan.FromMilliseconds(10));
        await Eventually.True(() => reads.Count > 0, "pod-b read the Lease 10 ms before expiry");
        Assert.False(b.Elector!.IsLeader);
        harness.Clock.Advance(TimeSpan.FromMilliseconds(60)); // the retry it set: remaining + 5..50 ms
        await Eventually.True(() => b.Elector!.IsLeader, "pod-b takes over");

        var lease = await harness.LeaseAsync();
        Assert.Equal("pod-b", lease.Spec.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        // Not before the lease could have expired (LeaseDuration after the last renew), and on the retry right after it.
        Assert.InRange(lease.Spec.AcquireTime!.Value - renewed.Spec.RenewTime!.Value, ElectionHarness.LeaseDuration, ElectionHarness.LeaseDuration + TimeSpan.FromMilliseconds(51));
        Assert.True(lease.Spec.AcquireTime >= expiry.UtcDateTime.AddMilliseconds(-1));
    }

    [Fact]
    public async Task Shutdown_releases_the_lease_and_another_candidate_takes_it_at_once()
    {
        await using var harness = await ElectionHarness.StartAsync();
        var a = harness.StartReplica("pod-a", withKong: false);
        await Eventually.True(() => a.Elector!.IsLeader, "pod-a leads");
        var b = harness.StartReplica("pod-b", withKong: false);
        await Eventually.True(() => b.State.Current.Leadership.Holder == "pod-a", "pod-b sees pod-a");

        var seen = new List<V1Lease>();
        var watching = new TaskCompletionSource();
        using var watch = LeaseWatch(harness, seen, watching);
        await watching.Task;
        // The clock does not move: pod-b takes the released Lease when its watch shows it, not on a retry.
        var before = harness.Clock.GetUtcNow();
        await harness.StopAsync(a);
        await Eventually.True(() => b.Elector!.IsLeader, "pod-b takes over");
        Assert.Equal(before, harness.Clock.GetUtcNow());

        await Eventually.True(() => { lock (seen) return seen.Any(l => l.Spec.HolderIdentity == "pod-b"); }, "watch saw pod-b");
        lock (seen)
        {
            var released = seen.First(l => l.Spec.HolderIdentity != "pod-a");
            Assert.Equal("", released.Spec.HolderIdentity); // released as "", never null
            Assert.Equal(1, released.Spec.LeaseDurationSeconds);
            Assert.Equal(0, released.Spec.LeaseTransitions);
            Assert.All(seen, l => Assert.NotNull(l.Spec.HolderIdentity));
        }

        Assert.Equal(1, (await harness.LeaseAsync()).Spec.LeaseTransitions);
    }

    [Theory]
    [InlineData(10, 10, 2, "Controller:LeaseDuration")]
    [InlineData(15, 2, 2, "Controller:RenewDeadline")]
    [InlineData(15, 10, 0, "Controller:RetryPeriod")]
    [InlineData(2.5, 2, 0.5, "whole number")]
    public void Rejects_inconsistent_timings_naming_the_setting(double lease, double renew, double retry, string expected)
    {
        var options = ElectionHarness.Options("pod-a") with
        {
            LeaseDuration = TimeSpan.FromSeconds(lease),
            RenewDeadline = TimeSpan.FromSeconds(renew),
            RetryPeriod = TimeSpan.FromSeconds(retry),
        };
        var error = Assert.Throws<LeaderElectionConfigException>(() => options.Validate());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        ElectionHarness.Options("pod-a").Validate(); // the scaled timings themselves are fine
        (ElectionHarness.Options("pod-a") with { LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(10), RetryPeriod = TimeSpan.FromSeconds(2) }).Validate();
    }

    /// <summary>Records every version of the Lease from now on (the watch resumes from the list's resourceVersion).</summary>
    private static IDisposable LeaseWatch(ElectionHarness harness, List<V1Lease> seen, TaskCompletionSource listed)
    {
        var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            var list = await harness.Client.CoordinationV1.ListNamespacedLeaseWithHttpMessagesAsync(ElectionHarness.Namespace, cancellationToken: stop.Token);
            listed.SetResult();
            var events = harness.Client.CoordinationV1.WatchListNamespacedLeaseAsync(
                ElectionHarness.Namespace, resourceVersion: list.Body.Metadata.ResourceVersion, cancellationToken: stop.Token);
            await foreach (var (_, lease) in events)
            {
                lock (seen)
                {
                    seen.Add(lease);
                }
            }
        });
        return stop;
    }
}
