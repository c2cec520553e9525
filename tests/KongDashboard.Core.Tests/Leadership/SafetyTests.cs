using k8s;
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
        await Eventually.True(() => harness.Replicas.All(r => r.State.Current.Translation.Ingresses.Any(i => i.Key.Name == "one-pusher")), "every replica translated it");

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

        // The API server now refuses every Lease write; reads still work.
        harness.Cluster.Server.Faults.FailNext(r => r.Method == "PUT" && r.Path.Contains("/leases/", StringComparison.Ordinal), count: 100_000, statusCode: 500);
        await Eventually.True(() => !a.Elector!.IsLeader, "pod a steps down", TimeSpan.FromSeconds(5));
        var stoppedAt = DateTime.UtcNow;
        var lastRenew = (await harness.LeaseAsync()).Spec.RenewTime!.Value;
        var afterRenew = stoppedAt - lastRenew;
        Assert.InRange(afterRenew, ElectionHarness.RenewDeadline - TimeSpan.FromMilliseconds(100), ElectionHarness.RenewDeadline + TimeSpan.FromMilliseconds(300));
        Assert.False(a.Sync!.Enabled);

        // A change now is not pushed by pod a: nothing of its term reaches a gateway after the deadline.
        await harness.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("shop", "after-deadline", service: "storefront", path: "/after-deadline"), "shop");
        await Eventually.True(() => a.State.Current.Translation.Ingresses.Any(i => i.Key.Name == "after-deadline"), "pod a translated the change");
        Assert.DoesNotContain(harness.Pushes(), p => p.Instance == ids[0] && p.At.UtcDateTime > lastRenew + ElectionHarness.RenewDeadline);
        Assert.False(b.Elector!.IsLeader); // nobody can write the Lease

        // Once the API server accepts writes again, someone leads and the change reaches every gateway.
        harness.Cluster.Server.Faults.Clear();
        await harness.LeaderAsync("a leader again", TimeSpan.FromSeconds(10));
        await Eventually.True(() => harness.Gateways.All(g => g.CurrentConfiguration?.ToJsonString().Contains("after-deadline", StringComparison.Ordinal) == true), "the change on every gateway");
    }
}
