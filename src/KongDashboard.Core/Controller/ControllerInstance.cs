using System.Collections.Immutable;
using System.Threading.Channels;
using k8s;
using KongDashboard.Core.Autoscaling;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.GatewayApiStatus;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Signals;
using KongDashboard.Core.Status;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Timing;
using KongDashboard.Core.Translation;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Controller;

/// <summary>
/// One controller replica: a reflector per watched kind filling its own store, and an event-driven loop that
/// translates each new snapshot (changes coalesced, no fixed tick) and publishes an immutable <see cref="ControllerState"/>.
/// Several instances can run in one process, each with its own client and store.
/// </summary>
public sealed class ControllerInstance : IAsyncDisposable
{
    private readonly KicSnapshotTranslator _translator;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IReflector> _reflectors;
    private readonly StateFeed<ControllerState> _state;
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _tasks = [];
    private ClusterSnapshot? _translated;
    private ClusterSnapshot? _discovered;
    private TranslationState _translation = TranslationState.Empty;
    private long _stateVersion;
    private readonly EventRecorder? _events;
    private readonly SyncSignals _signals;
    private readonly AutoscalingMonitor _autoscaling;
    private ImmutableHashSet<(ObjectRef, string)> _reportedFailures = [];
    private readonly LeadershipState _leadershipOff;
    private readonly TaskCompletionSource _cachesSynced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StatusWriter? _gatewayStatus;
    private readonly RouteOutcomes _routeOutcomes = new();
    private TranslationResult? _lastResult;
    private ClusterSnapshot? _viewsSource;
    private ImmutableDictionary<ObjectKey, PodView> _pods = ImmutableDictionary<ObjectKey, PodView>.Empty;
    private int? _simulatedLoad;
    private (TranslationState? Translation, SyncState? Sync, StatusBoard Board) _board = (null, null, StatusBoard.Empty);

    public ControllerInstance(ControllerInstanceOptions options, IKubernetes client, ILoggerFactory loggerFactory, StateFeed<ControllerState>? state = null)
    {
        Options = options;
        _translator = new KicSnapshotTranslator(options.Translator, options.Time);
        _logger = loggerFactory.CreateLogger<ControllerInstance>();
        var reflectorLogger = loggerFactory.CreateLogger("KongDashboard.Core.Kubernetes.Reflector");
        _reflectors = options.Kinds
            .Select(k => k.CreateReflector(client, Store, options.Reflector, reflectorLogger, MarkDirty))
            .ToList();
        var active = options.Connection.Role == ControllerRole.Active;
        var elect = active && options.LeaderElection is not null;
        // Only the leader writes (pushes, Events, status) when there is an election; otherwise every active replica does.
        var mayWrite = () => Elector?.IsLeader ?? Sync?.Enabled ?? active;
        _events = options.EmitEvents ? new EventRecorder(client, options.InstanceId, mayWrite, loggerFactory.CreateLogger<EventRecorder>(), options.Time) : null;
        // Gateway API status, as KIC's gateway controllers write it: only by an active replica that may write.
        _gatewayStatus = active && options.Translator.GatewayControllerName.Length > 0
            ? new StatusWriter(client, mayWrite, options.Time, loggerFactory.CreateLogger<StatusWriter>())
            : null;
        _signals = new SyncSignals(options.InstanceId, _events, options.Pod);
        if (options.Kong is { } kong)
        {
            var stamped = kong with { UserAgentComment = () => $"instance={options.InstanceId}; term={Elector?.Term?.ToString() ?? "none"}" };
            Sync = new ConfigSync(stamped, options.Translator, loggerFactory, new LeadershipSyncListener(_signals, () => Elector), time: options.Time);
            Sync.SetEnabled(active && !elect, elect ? "not leading: waiting for the Lease" : "observer: this replica only shows what it would push");
        }

        if (elect)
        {
            Elector = new LeaderElector(options.LeaderElection! with { Time = options.LeaderElection.Time ?? options.Time }, client, new SyncLeaderWork(Sync), Store.Snapshots, loggerFactory.CreateLogger<LeaderElector>());
            if (Sync is not null)
            {
                var elector = Elector;
                PushWriter = new LeaderPushWriter(client, options.LeaderElection!.Namespace, options.LeaderElection.Identity,
                    () => elector.IsLeader, loggerFactory.CreateLogger<LeaderPushWriter>(), options.Time);
            }
        }

        _leadershipOff = new LeadershipState(false, active ? options.LeaderElectionOffReason ?? "leader election is off" : "observer replicas never join leader election");

        var initial = ControllerState.Initial(options.InstanceId, options.Connection, options.Time);
        _state = state ?? new StateFeed<ControllerState>(initial);
        _state.Publish(initial);
        _autoscaling = new AutoscalingMonitor(client, options.Autoscaling, _state, () => Store.Current, loggerFactory, options.Time);
    }

    public ControllerInstanceOptions Options { get; }

    public string InstanceId => Options.InstanceId;

    public ClusterStore Store { get; } = new();

    /// <summary>Config sync to Kong, when this replica knows where Kong is.</summary>
    public ConfigSync? Sync { get; }

    public IStateFeed<ControllerState> State => _state;

    /// <summary>Publishes this replica's push outcomes for the followers while it leads (with an election only).</summary>
    public LeaderPushWriter? PushWriter { get; }

    /// <summary>This replica's leader elector, when it takes part in an election.</summary>
    public LeaderElector? Elector { get; }

    /// <summary>True once every kind has been listed: the snapshot then reflects the whole cluster.</summary>
    public bool CachesSynced => _reflectors.All(r => r.Status.Synced);

    public void Start()
    {
        var token = _stopping.Token;
        _tasks.AddRange(_reflectors.Select(r => Task.Run(() => r.RunAsync(token), token)));
        _tasks.Add(Task.Run(() => ForwardAsync(Store.Snapshots, token), token));
        if (Sync is not null)
        {
            _tasks.Add(Task.Run(() => ForwardAsync(Sync.State, token), token));
        }

        if (PushWriter is not null)
        {
            _tasks.Add(Task.Run(() => PushWriter.RunAsync(Sync!.State, token), token));
        }

        if (Elector is not null)
        {
            _tasks.Add(Task.Run(() => ForwardAsync(Elector.State, token), token));
            _tasks.Add(Task.Run(() => StandForElectionWhenSyncedAsync(token), token));
        }

        _tasks.Add(Task.Run(() => PublishLoopAsync(token), token));
        _tasks.Add(Task.Run(() => _autoscaling.RunAsync(token), token));
    }

    /// <summary>
    /// A replica stands for leader only once its caches are synced: a leader with a partial cluster would push a
    /// configuration without the objects it has not listed yet, or nothing at all.
    /// </summary>
    private async Task StandForElectionWhenSyncedAsync(CancellationToken cancellationToken)
    {
        await _cachesSynced.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Elector!.Start();
    }

    /// <summary>A graceful stop: release the Lease once in-flight pushes are done, then stop.</summary>
    public ValueTask DisposeAsync() => StopAsync(CancellationToken.None);

    /// <summary>
    /// A graceful stop within <paramref name="shutdown"/>: release the Lease once in-flight pushes are done, then stop
    /// the loops. When the budget ends first, what is still in flight is abandoned (the Lease then expires on its own),
    /// so a SIGTERM never waits on a slow gateway.
    /// </summary>
    public async ValueTask StopAsync(CancellationToken shutdown)
    {
        if (Elector is not null)
        {
            await Elector.ReleaseAsync(shutdown).ConfigureAwait(false);
        }

        try
        {
            await StopAsync().AsTask().WaitAsync(shutdown).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            _logger.LogWarning("Controller replica {Instance}: shutdown budget spent; leaving in-flight work behind", InstanceId);
        }
    }

    /// <summary>An abrupt stop (a crashed process): nothing more is pushed and the Lease is left to expire.</summary>
    public async ValueTask CrashAsync()
    {
        Sync?.SetEnabled(false, "crashed");
        if (Elector is not null)
        {
            await Elector.AbortAsync().ConfigureAwait(false);
        }

        await StopAsync().ConfigureAwait(false);
    }

    private async ValueTask StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }

        if (Sync is not null)
        {
            await Sync.DisposeAsync().ConfigureAwait(false);
        }

        if (_events is not null)
        {
            await _events.DisposeAsync().ConfigureAwait(false);
        }

        if (Elector is not null)
        {
            await Elector.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes the Gateway API statuses that differ from the observed ones (nothing when none differ).</summary>
    private async Task WriteGatewayStatusAsync(ClusterSnapshot snapshot)
    {
        var settings = new StatusSettings
        {
            ControllerName = Options.Translator.GatewayControllerName,
            PublishService = Options.PublishService,
            Outcome = _routeOutcomes.For(_lastResult, Sync?.State.Current ?? SyncState.Empty),
        };
        try
        {
            await _gatewayStatus!.WriteAsync(snapshot, settings, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _logger.LogWarning("Gateway API status not written: {Error}", error.Message);
        }
    }

    /// <summary>Metrics for every translation; a Warning Event for each failure that was not already reported.</summary>
    private void ReportTranslation(TranslationResult result)
    {
        var failures = result.FailureEvents().ToImmutableHashSet();
        ControllerMetrics.RecordTranslation(InstanceId, result.Duration, failures.Select(f => f.Object).Distinct().Count());
        _signals.TranslationFailures(failures.Except(_reportedFailures));
        _reportedFailures = failures;
    }

    private bool Unchanged(ControllerState s, CacheStatus cache, SyncState sync, LeadershipState leadership) =>
        (SameCache(s.Cache, cache) || OnlyLeaseRenewals(s.Cache, cache))
        && ReferenceEquals(s.Translation, _translation) && ReferenceEquals(s.Sync, sync) && ReferenceEquals(s.Leadership, leadership)
        && ReferenceEquals(s.Status, _board.Board) && ReferenceEquals(s.Pods, _pods) && s.SimulatedLoad == _simulatedLoad;

    private static bool SameCache(CacheStatus a, CacheStatus b) =>
        a.Synced == b.Synced && a.SnapshotVersion == b.SnapshotVersion && a.LastChangeAt == b.LastChangeAt
        && a.Reflectors.SequenceEqual(b.Reflectors, EqualityComparer<ReflectorStatus>.Default);

    /// <summary>
    /// Only Leases moved, as they do at every renewal (each RetryPeriod, 2 s by default): the elector reads them and
    /// shows renew times live, nothing else depends on them, so the published cache status stays as it was (its version
    /// and last change are those of the last change that something shows) and no page re-renders for a heartbeat.
    /// </summary>
    private static bool OnlyLeaseRenewals(CacheStatus published, CacheStatus cache) =>
        published.Synced == cache.Synced && published.Reflectors.Length == cache.Reflectors.Length
        && published.Reflectors.Zip(cache.Reflectors).All(pair => pair.First == pair.Second
            || (pair.First.Kind == WatchedKinds.Leases.Kind && pair.Second.Kind == pair.First.Kind
                && pair.First with { ResourceVersion = null, LastEventAt = null } == pair.Second with { ResourceVersion = null, LastEventAt = null }));

    /// <summary>The demo's load generator setting, read from its ConfigMap (absent outside the demo).</summary>
    private static int? SimulatedLoadOf(ClusterSnapshot snapshot) =>
        snapshot.ConfigMaps.FirstOrDefault(c => c.Metadata.Name == "kong-dashboard-sim" && c.Metadata.NamespaceProperty == "kong")?.Data is { } data
        && data.TryGetValue("requestsPerSecond", out var value)
        && int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var rps)
            ? rps
            : null;

    private void MarkDirty() => _dirty.Writer.TryWrite(true);

    private async Task ForwardAsync<T>(IStateFeed<T> feed, CancellationToken cancellationToken) where T : class
    {
        await foreach (var _ in feed.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            MarkDirty();
        }
    }

    private async Task PublishLoopAsync(CancellationToken cancellationToken)
    {
        while (await _dirty.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _dirty.Reader.TryRead(out _);
            var cost = TimeSpan.Zero;
            try
            {
                cost = await PublishOnceAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A translator bug must not stop the controller: keep the last good state and say why.
                _logger.LogError(error, "Translation of snapshot {Version} failed", Store.Current.Version);
            }

            // More changes arrived while translating: a burst is in flight, coalesce it (see BurstRest).
            if (_dirty.Reader.TryPeek(out _))
            {
                await BurstRest.RestAsync(cost, Options.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Publishes what changed; returns what translating cost (zero when nothing needed translating).</summary>
    private async Task<TimeSpan> PublishOnceAsync()
    {
        var cost = TimeSpan.Zero;
        var snapshot = Store.Current;
        var statuses = _reflectors.Select(r => r.Status).ToImmutableArray();
        var synced = statuses.All(s => s.Synced);
        if (synced)
        {
            _cachesSynced.TrySetResult();
        }
        if (synced && Sync is not null && (_discovered is null || !ReferenceEquals(_discovered.EndpointSlices, snapshot.EndpointSlices)))
        {
            _discovered = snapshot;
            await Sync.OnSnapshotAsync(snapshot).ConfigureAwait(false);
        }

        if (synced && Sync is not null)
        {
            snapshot = await Sync.WithEntitySchemasAsync(snapshot, _stopping.Token).ConfigureAwait(false); // KongCustomEntity types
        }

        // KIC waits for the caches before its first translation, so a partial cluster is never pushed.
        if (synced && (_translated is null || !_translated.SameTranslationInputs(snapshot)))
        {
            var started = Options.Time.GetTimestamp();
            // Sync gets the configuration before the rows are shaped: a change reaches Kong without waiting on work
            // proportional to the cluster's size.
            var result = _translator.TranslateConfig(snapshot);
            Sync?.OnTranslation(snapshot, result);
            _translation = _translator.Shape(snapshot, result, _translation.Generation + 1);
            _translated = snapshot;
            _lastResult = result;
            ReportTranslation(result);
            cost = Options.Time.GetElapsedTime(started);
            _logger.LogDebug("Translated snapshot {Version} in {Elapsed:0.0} ms", snapshot.Version, cost.TotalMilliseconds);
        }

        if (synced && _gatewayStatus is not null)
        {
            await WriteGatewayStatusAsync(snapshot).ConfigureAwait(false);
        }

        if (!ReferenceEquals(_viewsSource?.Pods, snapshot.Pods) || !ReferenceEquals(_viewsSource?.ConfigMaps, snapshot.ConfigMaps))
        {
            _pods = PodView.AllOf(snapshot);
            _simulatedLoad = SimulatedLoadOf(snapshot);
            if (Options.LeaderElection is { } election)
            {
                Sync?.OnLeaderPushes(LeaderPushes.Read(snapshot.ConfigMaps.Get(election.Namespace, LeaderPushes.ConfigMapName)));
            }

            _viewsSource = snapshot;
        }

        var sync = Sync?.State.Current ?? SyncState.Empty;
        if (!ReferenceEquals(_board.Translation, _translation) || !ReferenceEquals(_board.Sync, sync))
        {
            _board = (_translation, sync, StatusBoard.Compute(_translation.Objects, sync));
            StatusMetrics.Record(InstanceId, _board.Board);
        }

        var lastChange = statuses.Max(s => s.LastEventAt);
        var cache = new CacheStatus(synced, snapshot.Version, lastChange, statuses);
        var leadership = Elector?.State.Current ?? _leadershipOff;
        // Publish on change only: a wake-up that changed nothing (a poll, a bookkeeping write) re-renders no page.
        _state.Update(s => Unchanged(s, cache, sync, leadership) ? s : s with
        {
            Version = ++_stateVersion,
            At = Options.Time.GetUtcNow(),
            Cache = cache,
            Translation = _translation,
            Sync = sync,
            Status = _board.Board,
            Pods = _pods,
            SimulatedLoad = _simulatedLoad,
            Leadership = leadership,
        });
        return cost;
    }
}
