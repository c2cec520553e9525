using System.Text.RegularExpressions;
using k8s;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Tests.Support;
using KongDashboard.EmbeddedCluster.KongGateway.Database;

namespace KongDashboard.Core.Tests.Leadership;

/// <summary>DB mode: only the Lease holder writes the shared database, across a hand-off and a leader crash.</summary>
[Collection(ElectionHarness.Collection)]
public sealed partial class DatabaseModeLeaderTests
{
    [Fact]
    public async Task Only_the_lease_holder_writes_the_database_across_hand_off_and_crash()
    {
        await using var harness = await ElectionHarness.StartAsync(kongDatabase: "postgres");
        var database = harness.Cluster.Server.KongGateways!.Database!;
        foreach (var id in harness.CandidatePods())
        {
            harness.StartReplica(id);
        }

        var first = await harness.LeaderAsync();
        await CreateAndAwaitAsync(harness, database, "db-first");
        // positive control: the leader wrote, with its instance and term in every request
        Assert.Contains(Writers(database), w => w.Instance == first.InstanceId);

        var target = harness.CandidatePods().First(p => p != first.InstanceId);
        await harness.RequestHandOffAsync(target);
        var second = await Eventually.Until(() => harness.Leaders(), l => l!.Count == 1 && l[0].InstanceId == target, "hand-off to the target", TimeSpan.FromSeconds(15));
        await CreateAndAwaitAsync(harness, database, "db-second");
        Assert.Contains(Writers(database), w => w.Instance == target);

        await harness.StopAsync(second[0], crash: true);
        harness.AdvancePastExpiry(); // the crashed leader's Lease expires for the others (virtual time)
        var third = await Eventually.Until(() => harness.Leaders(), l => l!.Count == 1, "a leader after the crash", TimeSpan.FromSeconds(20));
        await CreateAndAwaitAsync(harness, database, "db-third");

        var writes = Writers(database);
        // every write came from the holder of the term it carries, and terms never go back
        Assert.All(writes, w => Assert.Equal(w.Term.Holder, w.Instance));
        for (var i = 1; i < writes.Count; i++)
        {
            Assert.True(writes[i].Term.Transitions >= writes[i - 1].Term.Transitions, $"write {i} carries an older term than the one before it");
        }

        Assert.Contains(writes, w => w.Instance == third[0].InstanceId);
        Assert.True(writes.Select(w => w.Instance).Distinct().Count() <= 3);

        // each term was written by one replica only, and a replica that never held the Lease wrote nothing
        Assert.All(writes.GroupBy(w => w.Term.Transitions), term => Assert.Single(term.Select(w => w.Instance).Distinct()));
        var leaders = new[] { first.InstanceId, target, third[0].InstanceId };
        foreach (var replica in harness.CandidatePods())
        {
            var count = writes.Count(w => w.Instance == replica);
            Assert.True(leaders.Contains(replica) ? count > 0 : count == 0, $"{replica} ({(leaders.Contains(replica) ? "led" : "never led")}) wrote {count} time(s)");
        }
    }

    private static async Task CreateAndAwaitAsync(ElectionHarness harness, KongDatabase database, string name)
    {
        await harness.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("shop", name, service: "storefront", path: "/" + name), "shop");
        await Eventually.True(() => database.Rows("routes").Any(r => r["name"]!.GetValue<string>().Contains(name, StringComparison.Ordinal)), $"{name} in the database", TimeSpan.FromSeconds(20));
    }

    private static List<(string Instance, LeaseTerm Term)> Writers(KongDatabase database) =>
        database.Writes.Select(w =>
        {
            var match = Stamp().Match(w.UserAgent ?? "");
            Assert.True(match.Success, $"unstamped write {w.Method} {w.Path}: {w.UserAgent}");
            return (match.Groups["instance"].Value, LeaseTerm.Parse(match.Groups["term"].Value)!);
        }).ToList();

    [GeneratedRegex(@"instance=(?<instance>[^;]+); term=(?<term>[^)]+)\)")]
    private static partial Regex Stamp();
}
