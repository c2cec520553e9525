using k8s;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Tests.Support;

namespace KongDashboard.Core.Tests.Leadership;

/// <summary>Only the leader pushes, and a leader that cannot renew stops before anyone could take the Lease.</summary>
[Collection(ElectionHarness.Collection)]
public sealed class SafetyTests
{
    [Fact]
    public async Task Of_three_replicas_exactly_one_pushes()
    {
        await using var harness = await ElectionHarness.StartAsync();
        foreach (var id in harness.CandidatePods())
        {
            harness.StartReplica(id);
        }

        var leader = await harness.LeaderAsync();
        await harness.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("shop", "one-pusher", service: "storefront", path: "/one-pusher"), "shop");
        await Eventually.True(() => harness.Gateways.All(g => g.CurrentConfiguration?.ToJsonString().Contains("one-pusher", StringComparison.Ordinal) == true), "the change on every gateway");
        await Eventually.True(() => harness.Replicas.All(r => r.State.Current.Translation.Rows.Any(i => i.Key.Name == "one-pusher")), "every replica translated it");

        Assert.All(harness.Pushes(), p => Assert.Equal(leader.InstanceId, p.Instance));
        Assert.Equal([leader], harness.Replicas.Where(r => r.Sync!.Enabled));
        Assert.All(harness.Replicas.Where(r => r != leader), r => Assert.StartsWith("not leading", r.State.Current.Sync.DisabledReason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_stops_pushing_at_RenewDeadline()
    {
        await using var harness = await ElectionHarness.StartAsync();
        var ids = harness.CandidatePods();
        var a = harness.StartReplica(ids[0]);
        await Eventually.True(() => a.Elector!.IsLeader && harness.Pushes().Any(p => p.Instance == ids[0]), "pod a leads and pushes");
        var b = harness.StartReplica(ids[1]);
        await Eventually.True(() => b.State.Current.Leadership.Holder == ids[0], "pod b follows");
        var lastRenew = await harness.RenewOnceAsync(a); // the last renew that succeeds; its deadline is RenewDeadline from now

        // The API server now refuses every Lease write; reads still work. The clock runs to 1 ms before the deadline:
        // the renewals in between are refused, and pod a still leads.
        var refused = 0;
        harness.Cluster.Server.Faults.FailNext(r =>
        {
            var leaseWrite = r.Method == "PUT" && r.Path.Contains("/leases/", StringComparison.Ordinal);
            if (leaseWrite)
            {
                Interlocked.Increment(ref refused);
            }

            return leaseWrite;
        }, count: 100_000, statusCode: 500);
        harness.Clock.Advance(ElectionHarness.RenewDeadline - TimeSpan.FromMilliseconds(1));
        await Eventually.True(() => Volatile.Read(ref refused) > 0, "pod a tried to renew and was refused");
        Assert.True(a.Elector!.IsLeader, "pod a still leads 1 ms before RenewDeadline");
        Assert.True(a.Sync!.Enabled);

        // At RenewDeadline after its last successful renew started, the deadline timer stops it, whatever the loop awaits.
        harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(a.Elector!.IsLeader);
        Assert.False(a.Sync!.Enabled);
        Assert.Contains(a.Elector.State.Current.Timeline, e => e.Kind == LeadershipEventKind.StoppedLeading && e.Message.Contains("RenewDeadline", StringComparison.Ordinal));
        Assert.Equal(lastRenew.Spec.RenewTime, (await harness.LeaseAsync()).Spec.RenewTime); // no renew got through

        // A change now is pushed by nobody: pod a translates it but no gateway gets it, and pod b cannot take the Lease.
        await harness.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("shop", "after-deadline", service: "storefront", path: "/after-deadline"), "shop");
        await Eventually.True(() => a.State.Current.Translation.Rows.Any(i => i.Key.Name == "after-deadline"), "pod a translated the change");
        Assert.DoesNotContain(harness.Gateways, g => g.CurrentConfiguration?.ToJsonString().Contains("after-deadline", StringComparison.Ordinal) == true);
        harness.AdvancePastExpiry();
        await Eventually.True(() => b.Elector!.State.Current.Notes.Any(n => n.Contains("HTTP 500", StringComparison.Ordinal)), "pod b tried to take the expired Lease");
        Assert.False(b.Elector!.IsLeader); // nobody can write the Lease
        Assert.Empty(harness.Leaders());

        // Once the API server accepts writes again, someone leads and the change reaches every gateway.
        harness.Cluster.Server.Faults.Clear();
        harness.AdvancePastExpiry();
        await harness.LeaderAsync("a leader again");
        await Eventually.True(() => harness.Gateways.All(g => g.CurrentConfiguration?.ToJsonString().Contains("after-deadline", StringComparison.Ordinal) == true), "the change on every gateway");
    }
}
