using k8s;
using k8s.Models;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.EmbeddedCluster;
using KongDashboard.EmbeddedCluster.KongGateway;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>
/// Publish on change only (issue 12): on an idle cluster (no simulated traffic or load) the controller keeps polling every gateway's /status and
/// renewing its Lease, yet publishes no new <see cref="ControllerState"/>, so no open page re-renders. The controller
/// runs on a virtual clock: ten seconds pass in half-second steps, each step waiting for the polls it releases.
/// </summary>
public sealed class IdlePublicationTests
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ten_idle_seconds_of_polling_publish_no_state_and_a_real_change_publishes_one()
    {
        await using var cluster = await TestCluster.StartAsync(seed: true, controllers: true, simulation: false);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instance = new ControllerInstance(new ControllerInstanceOptions
        {
            InstanceId = "idle-test",
            Connection = new ClusterConnection(ClusterMode.Embedded, cluster.Server.BaseAddress.ToString(), null, ControllerRole.Active),
            Kong = new KongSyncOptions { AdminService = "kong/kong-admin", StatusInterval = StatusInterval, InitialRetryDelay = TimeSpan.FromMilliseconds(100) },
            EmitEvents = false,
            Time = clock,
        }, cluster.Client, NullLoggerFactory.Instance);
        instance.Start();

        await Eventually.Until(() => { clock.Advance(StatusInterval); return instance.State.Current.Sync; },
            s => s!.Gateways.Length == 2 && s.InSync == 2 && s.Gateways.All(g => g.LastSeenAt is not null), "two gateways in sync", TimeSpan.FromSeconds(30));
        var gateways = cluster.Server.KongGateways!.Gateways.Values.ToList();

        // metrics-server answers with the same usage on every poll (an idle cluster): a reading, not a change.
        foreach (var key in cluster.Server.KongGateways.Gateways.Keys)
        {
            var (ns, pod) = (key.Split('/')[0], key.Split('/')[1]);
            cluster.Server.PodMetrics.Set(ns, pod, [new ContainerUsage("proxy", "12m", "180Mi")]);
        }

        await Eventually.Until(() => { clock.Advance(StatusInterval); return instance.State.Current.PodMetrics; },
            m => m!.Usage.Count == gateways.Count, "the pod metrics read", TimeSpan.FromSeconds(30));

        // Let whatever follows the first sync (status writes, Events, a last poll) settle before the window opens.
        var settled = await SettleAsync(instance, clock, gateways);
        var published = 0;
        using var watching = new CancellationTokenSource();
        var watcher = CountPublicationsAsync(instance, settled, () => published++, watching.Token);

        var requestsBefore = gateways.Select(g => g.Counters.TotalRequests).ToList();
        for (var elapsed = TimeSpan.Zero; elapsed <= IdleWindow; elapsed += StatusInterval)
        {
            await StepAsync(clock, gateways);
        }

        // Positive control: the controller did poll (at least one /status per gateway per step) and the counter works.
        var polls = gateways.Select((g, i) => g.Counters.TotalRequests - requestsBefore[i]).ToList();
        Assert.All(polls, p => Assert.True(p >= IdleWindow / StatusInterval, $"a gateway answered only {p} requests in the idle window"));
        var current = instance.State.Current;
        var changed = typeof(ControllerState).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && !Equals(p.GetValue(settled), p.GetValue(current))).Select(p => p.Name);
        Assert.True(Volatile.Read(ref published) == 0, $"{published} publications; changed: {string.Join(", ", changed)}");
        Assert.Same(settled, instance.State.Current);

        // Positive control: a real change (a new Ingress) is published, and the watcher counts it.
        await cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "idle-probe", NamespaceProperty = "shop" },
            Spec = new V1IngressSpec
            {
                IngressClassName = "kong",
                Rules = [new V1IngressRule { Host = "idle.example.com", Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "storefront", Port = new V1ServiceBackendPort { Number = 80 } } } }] } }],
            },
        }, "shop");
        await Eventually.True(() => Volatile.Read(ref published) > 0 && instance.State.Current.Translation.Rows.Any(r => r.Key.Name == "idle-probe"), "the new Ingress published");
        await watching.CancelAsync();
        await watcher;
    }

    /// <summary>Advances the clock a poll at a time until four polls in a row publish nothing, and returns that state.</summary>
    private static async Task<ControllerState> SettleAsync(ControllerInstance instance, FakeTimeProvider clock, IReadOnlyList<EmbeddedKongGateway> gateways)
    {
        var quietSteps = 0;
        var current = instance.State.Current;
        for (var step = 0; step < 200 && quietSteps < 4; step++)
        {
            await StepAsync(clock, gateways);
            var next = instance.State.Current;
            quietSteps = ReferenceEquals(next, current) ? quietSteps + 1 : 0;
            current = next;
        }

        Assert.True(quietSteps >= 4, "the controller never went quiet after its first sync");
        return current;
    }

    /// <summary>
    /// A poll interval of virtual time, and more in small steps until every gateway has answered one more request (a
    /// poller that had not armed its next timer yet when the clock moved needs another nudge). A gateway polls again only
    /// after it handled the previous answer, so the previous poll's effects are published by then.
    /// </summary>
    private static async Task StepAsync(FakeTimeProvider clock, IReadOnlyList<EmbeddedKongGateway> gateways)
    {
        var before = gateways.Select(g => g.Counters.TotalRequests).ToList();
        clock.Advance(StatusInterval);
        await Eventually.Until(() =>
        {
            var polled = gateways.Select((g, i) => g.Counters.TotalRequests > before[i]).All(p => p);
            if (!polled)
            {
                clock.Advance(TimeSpan.FromMilliseconds(10));
            }

            return polled;
        }, polled => polled, "each gateway polled once more");
    }

    private static async Task CountPublicationsAsync(ControllerInstance instance, ControllerState settled, Action counted, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var state in instance.State.WatchAsync(cancellationToken))
            {
                if (!ReferenceEquals(state, settled))
                {
                    counted();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
