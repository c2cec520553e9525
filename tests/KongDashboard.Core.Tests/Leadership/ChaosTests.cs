using k8s;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Tests.Support;
using Xunit.Abstractions;

namespace KongDashboard.Core.Tests.Leadership;

/// <summary>
/// Hand-offs (to a named candidate and to "any") and leader crashes in a loop while Ingresses keep changing; then, from
/// the gateways' side: no two terms pushed in overlapping periods, every push came from its term's holder, and every
/// change reached every gateway. CHAOS_TRANSITIONS=50 runs the long version (default 10, scaled timings). The electors'
/// clock moves only past a crashed leader's Lease expiry; hand-offs run on watch events alone.
/// </summary>
[Collection(ElectionHarness.Collection)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hand_offs_and_crashes_never_overlap_terms_and_lose_no_change()
    {
        var transitions = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_TRANSITIONS"), out var n) ? n : 10;
        await using var harness = await ElectionHarness.StartAsync();
        foreach (var id in harness.CandidatePods())
        {
            harness.StartReplica(id);
        }

        using var monitor = LeaderMonitor.Start(harness);
        using var stopWriting = new CancellationTokenSource();
        var created = new List<string>();
        var writer = Task.Run(() => WriteIngressesAsync(harness.Client, created, stopWriting.Token));

        var leader = await harness.LeaderAsync();
        for (var i = 0; i < transitions; i++)
        {
            var before = leader;
            await Eventually.True(() => harness.Pushes().Any(p => p.Term == before.Elector!.Term), $"transition {i}: {before.InstanceId} pushed in its term");
            if (i % 4 == 3)
            {
                await harness.StopAsync(before, crash: true);
                harness.AdvancePastExpiry(); // the crashed leader's Lease expires for the others
                await harness.Client.CoreV1.DeleteNamespacedPodAsync(before.InstanceId, ElectionHarness.Namespace);
                var replacement = await Eventually.Until(
                    () => harness.CandidatePods().FirstOrDefault(p => p != before.InstanceId && harness.Replicas.All(r => r.InstanceId != p)),
                    p => p is not null, "a replacement pod");
                harness.StartReplica(replacement!);
            }
            else
            {
                var target = i % 2 == 0 ? harness.Replicas.First(r => r != before).InstanceId : LeaseAnnotations.AnyCandidate;
                await Eventually.True(() => harness.Replicas.All(r => r.State.Current.Leadership.Candidates.Count(c => c.Ready) == 3), "three ready candidates");
                await harness.RequestHandOffAsync(target);
            }

            leader = await Eventually.Until(() => harness.Leaders().SingleOrDefault(), l => l is not null && l != before, $"transition {i}: a new leader", TimeSpan.FromSeconds(10));
            output.WriteLine($"{i}: {before.InstanceId} → {leader!.InstanceId} ({(i % 4 == 3 ? "crash" : "hand-off")}), term {leader.Elector!.Term}");
        }

        // The last leader, too, pushes in its term while the writes go on (each earlier one was awaited in the loop);
        // stopping the writer first could leave it nothing new to push.
        var last = leader;
        await Eventually.True(() => harness.Pushes().Any(p => p.Term == last.Elector!.Term), $"{last.InstanceId} pushed in its term");
        await stopWriting.CancelAsync();
        await writer;
        List<string> names;
        lock (created)
        {
            names = [.. created];
        }

        await Eventually.True(() => harness.Gateways.All(g => Serves(g.CurrentConfiguration?.ToJsonString(), names)),
            $"all {names.Count} Ingresses on every gateway", TimeSpan.FromSeconds(20));

        var pushes = harness.Pushes();
        Assert.All(pushes, p => Assert.Equal(p.Term?.Holder, p.Instance));
        var terms = pushes.GroupBy(p => p.Term!).Select(g => (Term: g.Key, First: g.Min(p => p.At), Last: g.Max(p => p.At))).OrderBy(t => t.Term.Transitions).ToList();
        for (var i = 1; i < terms.Count; i++)
        {
            Assert.True(terms[i - 1].Last <= terms[i].First, $"term {terms[i - 1].Term} pushed until {terms[i - 1].Last:O}, after term {terms[i].Term} began at {terms[i].First:O}");
        }

        foreach (var gateway in pushes.GroupBy(p => p.Gateway))
        {
            var order = gateway.OrderBy(p => p.Sequence).Select(p => p.Term!.Transitions).ToList();
            Assert.Equal(order.Order().ToList(), order); // each gateway saw terms only move forward
        }

        Assert.True(terms.Count >= transitions + 1, $"{terms.Count} terms pushed for {transitions} transitions");
        Assert.Equal(0, monitor.Overlaps);
        output.WriteLine($"{transitions} transitions, {terms.Count} terms, {pushes.Count} accepted pushes, {names.Count} Ingresses");
    }

    private static bool Serves(string? config, List<string> names) => config is not null && names.All(n => config.Contains($"/{n}", StringComparison.Ordinal));

    private static async Task WriteIngressesAsync(IKubernetes client, List<string> created, CancellationToken cancellationToken)
    {
        using var cadence = new PeriodicTimer(TimeSpan.FromMilliseconds(150));
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            var name = $"chaos-{i}";
            await client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("shop", name, service: "storefront", path: "/" + name), "shop", cancellationToken: CancellationToken.None);
            lock (created)
            {
                created.Add(name);
            }

            try
            {
                // A steady stream of changes (a rate, not a wait for a condition).
                if (!await cadence.WaitForNextTickAsync(cancellationToken))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
