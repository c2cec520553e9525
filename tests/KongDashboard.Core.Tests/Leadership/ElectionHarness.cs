using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.EmbeddedCluster.KongGateway;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KongDashboard.Core.Tests.Leadership;

/// <summary>
/// The embedded cluster (seeded: two Kong gateway pods with live Admin APIs, three kong-dashboard candidate pods) and
/// controller replicas, each with its own KubernetesClient, store, elector and pusher, on scaled timings (3/2/0.5 s).
/// The electors run on one shared virtual clock (<see cref="Clock"/>): Lease times, expiry, the renew deadline and
/// retries move only when a test advances it, while the API calls, watches and pushes stay real. A test therefore
/// states "after this much time" by advancing the clock and awaits the consequence; it never measures the machine's.
/// </summary>
public sealed partial class ElectionHarness : IAsyncDisposable
{
    public const string Namespace = "kong";
    public const string LeaseName = "test-election";

    /// <summary>Election tests assert timings in fractions of a second: they run one at a time, not beside each other.</summary>
    public const string Collection = "leader election";

    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(500);

    private readonly List<(ControllerInstance Instance, IKubernetes Client)> _replicas = [];

    private ElectionHarness(TestCluster cluster) => Cluster = cluster;

    /// <summary>The electors' clock, started at the real time so Lease timestamps read naturally.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestCluster Cluster { get; }

    public IKubernetes Client => Cluster.Client;

    public IReadOnlyList<ControllerInstance> Replicas => _replicas.Select(r => r.Instance).ToList();

    public IEnumerable<EmbeddedKongGateway> Gateways => Cluster.Server.KongGateways!.Gateways.Values;

    /// <summary>Kong's database of the gateways and the replicas: "off" (DB-less) or "postgres" (DB mode).</summary>
    public string KongDatabase { get; private init; } = "off";

    public static async Task<ElectionHarness> StartAsync(string kongDatabase = "off")
    {
        var harness = new ElectionHarness(await TestCluster.StartAsync(seed: true, controllers: true, kongDatabase)) { KongDatabase = kongDatabase };
        await Eventually.True(() => harness.CandidatePods().Count == 3 && harness.Gateways.Count() == 2, "candidate pods and gateways", TimeSpan.FromSeconds(30));
        return harness;
    }

    /// <summary>Names of the seeded kong-dashboard pods (the candidates' identities).</summary>
    public IReadOnlyList<string> CandidatePods() =>
        Cluster.Server.Store.List("Pod")
            .Where(p => p["metadata"]?["namespace"]?.ToString() == Namespace
                && p["metadata"]?["labels"]?["app.kubernetes.io/name"]?.ToString() == "kong-dashboard")
            .Select(p => p["metadata"]!["name"]!.ToString())
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Scaled timings on the real clock; <see cref="StartReplica"/> puts the harness's virtual clock in.</summary>
    public static LeaderElectionOptions Options(string identity) => new()
    {
        Identity = identity,
        Namespace = Namespace,
        LeaseName = LeaseName,
        LeaseDuration = LeaseDuration,
        RenewDeadline = RenewDeadline,
        RetryPeriod = RetryPeriod,
    };

    /// <summary>Starts a replica; <paramref name="withKong"/> false watches only Leases and Pods and pushes nowhere.</summary>
    public ControllerInstance StartReplica(string identity, bool withKong = true, LeaderElectionOptions? election = null)
    {
        var client = new k8s.Kubernetes(Cluster.Server.ClientConfiguration());
        var options = new ControllerInstanceOptions
        {
            InstanceId = identity,
            Connection = new ClusterConnection(ClusterMode.Embedded, Cluster.Server.BaseAddress.ToString(), null, ControllerRole.Active),
            LeaderElection = (election ?? Options(identity)) with { Time = Clock },
            EmitEvents = false,
            Kong = withKong
                ? new KongSyncOptions { AdminService = "kong/kong-admin", Database = KongDatabase, StatusInterval = TimeSpan.FromMilliseconds(100), InitialRetryDelay = TimeSpan.FromMilliseconds(100) }
                : null,
            Kinds = withKong ? WatchedKinds.All : [WatchedKinds.Leases, WatchedKinds.Pods],
        };
        var instance = new ControllerInstance(options, client, NullLoggerFactory.Instance);
        instance.Start();
        _replicas.Add((instance, client));
        return instance;
    }

    public async Task StopAsync(ControllerInstance instance, bool crash = false)
    {
        if (crash)
        {
            await instance.CrashAsync();
        }
        else
        {
            await instance.DisposeAsync();
        }

        var entry = _replicas.Single(r => r.Instance == instance);
        _replicas.Remove(entry);
        entry.Client.Dispose();
    }

    public IReadOnlyList<ControllerInstance> Leaders() => Replicas.Where(r => r.Elector!.IsLeader).ToList();

    public Task<V1Lease> LeaseAsync() => Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, Namespace);

    public async Task<ControllerInstance> LeaderAsync(string what = "a leader", TimeSpan? timeout = null) =>
        (await Eventually.Until(() => Leaders(), l => l!.Count == 1, what, timeout))[0];

    public Task RequestHandOffAsync(string target, string requestedBy = "test") =>
        LeaseAnnotations.RequestHandOffAsync(Client, Namespace, LeaseName, target, requestedBy, Clock.GetUtcNow());

    /// <summary>Counts GETs of the election Lease from now on (an elector's read; watches and lists are not counted).</summary>
    public RequestCounter CountLeaseReads()
    {
        var counter = new RequestCounter();
        Cluster.Server.Faults.FailNext(r =>
        {
            if (r.Method == "GET" && !r.IsWatch && r.Path.EndsWith($"/namespaces/{Namespace}/leases/{LeaseName}", StringComparison.Ordinal))
            {
                counter.Increment();
            }

            return false; // observe only: never fail the request
        }, count: int.MaxValue);
        return counter;
    }

    /// <summary>
    /// Lets every elector's pending wait run out: LeaseDuration plus the longest jittered retry (1.2 × RetryPeriod),
    /// so any Lease record observed before now has expired from every replica's point of view.
    /// </summary>
    public void AdvancePastExpiry() => Clock.Advance(LeaseDuration + RetryPeriod * 1.2 + TimeSpan.FromMilliseconds(100));

    /// <summary>
    /// Advances the electors' clock one retry period and awaits the leader's renewal at the new time, as seen by every
    /// replica: the clock never runs ahead of a renew still in flight, however slow the machine.
    /// </summary>
    public async Task<V1Lease> RenewOnceAsync(ControllerInstance leader)
    {
        Clock.Advance(RetryPeriod);
        var now = Clock.GetUtcNow().UtcDateTime;
        var lease = await Eventually.Until(() => LeaseAsync().Result, l => l!.Spec.HolderIdentity == leader.InstanceId && l.Spec.RenewTime >= now.AddMilliseconds(-1),
            $"{leader.InstanceId} renewed at {now:O}");

        // The Lease (and watchers) can show the renew before the leader has processed its own PUT response and moved
        // its RenewDeadline timer: wait for the leader itself, or a test advancing the clock races its old deadline.
        await Eventually.True(() => leader.Elector!.LeadershipLeft == RenewDeadline, $"{leader.InstanceId} counts RenewDeadline from this renew");
        await Eventually.True(() => Replicas.All(r => r.Elector!.State.Current.Lease?.ResourceVersion is { } v && long.Parse(v) >= long.Parse(lease.Metadata.ResourceVersion)),
            "every replica observed the renewal");
        return lease;
    }

    /// <summary>Every accepted push on every gateway, with the pushing instance and term parsed from the User-Agent.</summary>
    public IReadOnlyList<GatewayPush> Pushes() =>
        Gateways.SelectMany(g => g.PushLog.Entries.Select(e => GatewayPush.From(g.AdminAddress.ToString(), e))).OrderBy(p => p.At).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var (instance, client) in _replicas)
        {
            await instance.CrashAsync(); // no release: the cluster goes away too
            client.Dispose();
        }

        await Cluster.DisposeAsync();
    }
}

public sealed class RequestCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}

/// <summary>One accepted push as a gateway recorded it.</summary>
public sealed partial record GatewayPush(string Gateway, long Sequence, DateTimeOffset At, int Status, string? Instance, LeaseTerm? Term)
{
    public static GatewayPush From(string gateway, ConfigPush push)
    {
        var match = Stamp().Match(push.UserAgent ?? "");
        return new GatewayPush(gateway, push.Sequence, push.At, push.Status,
            match.Success ? match.Groups["instance"].Value : null,
            match.Success ? LeaseTerm.Parse(match.Groups["term"].Value) : null);
    }

    [GeneratedRegex(@"instance=(?<instance>[^;]+); term=(?<term>[^)]+)\)")]
    private static partial Regex Stamp();
}
