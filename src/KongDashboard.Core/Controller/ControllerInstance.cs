using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using k8s;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Controller;

/// <summary>
/// One controller replica: a reflector per watched kind filling its own store, and an event-driven loop that
/// translates each new snapshot (changes coalesced, no fixed tick) and publishes an immutable <see cref="ControllerState"/>.
/// Several instances can run in one process, each with its own client and store.
/// </summary>
public sealed class ControllerInstance : IAsyncDisposable
{
    private readonly ISnapshotTranslator _translator;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IReflector> _reflectors;
    private readonly StateFeed<ControllerState> _state;
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _tasks = [];
    private ClusterSnapshot? _translated;
    private TranslationState _translation = TranslationState.Empty;
    private long _stateVersion;

    public ControllerInstance(
        string instanceId,
        IKubernetes client,
        ClusterConnection connection,
        ISnapshotTranslator translator,
        ILoggerFactory loggerFactory,
        ReflectorOptions? reflectorOptions = null,
        IReadOnlyList<WatchedKind>? kinds = null,
        StateFeed<ControllerState>? state = null)
    {
        InstanceId = instanceId;
        _translator = translator;
        _logger = loggerFactory.CreateLogger<ControllerInstance>();
        var reflectorLogger = loggerFactory.CreateLogger("KongDashboard.Core.Kubernetes.Reflector");
        _reflectors = (kinds ?? WatchedKinds.All)
            .Select(k => k.CreateReflector(client, Store, reflectorOptions ?? new ReflectorOptions(), reflectorLogger, MarkDirty))
            .ToList();
        var initial = ControllerState.Initial(instanceId, connection);
        _state = state ?? new StateFeed<ControllerState>(initial);
        _state.Publish(initial);
    }

    public string InstanceId { get; }

    public ClusterStore Store { get; } = new();

    public IStateFeed<ControllerState> State => _state;

    /// <summary>True once every kind has been listed: the snapshot then reflects the whole cluster.</summary>
    public bool CachesSynced => _reflectors.All(r => r.Status.Synced);

    public void Start()
    {
        var token = _stopping.Token;
        _tasks.AddRange(_reflectors.Select(r => Task.Run(() => r.RunAsync(token), token)));
        _tasks.Add(Task.Run(() => ForwardSnapshotsAsync(token), token));
        _tasks.Add(Task.Run(() => PublishLoopAsync(token), token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }

        _stopping.Dispose();
    }

    private void MarkDirty() => _dirty.Writer.TryWrite(true);

    private async Task ForwardSnapshotsAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in Store.Snapshots.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            MarkDirty();
        }
    }

    private async Task PublishLoopAsync(CancellationToken cancellationToken)
    {
        while (await _dirty.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _dirty.Reader.TryRead(out _);
            try
            {
                PublishOnce();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A translator bug must not stop the controller: keep the last good state and say why.
                _logger.LogError(error, "Translation of snapshot {Version} failed", Store.Current.Version);
            }
        }
    }

    private void PublishOnce()
    {
        var snapshot = Store.Current;
        var statuses = _reflectors.Select(r => r.Status).ToImmutableArray();
        var synced = statuses.All(s => s.Synced);
        if (synced && (_translated is null || !_translated.SameTranslationInputs(snapshot)))
        {
            var started = Stopwatch.GetTimestamp();
            _translation = _translator.Translate(snapshot, _translation.Generation + 1);
            _translated = snapshot;
            _logger.LogDebug("Translated snapshot {Version} in {Elapsed:0.0} ms", snapshot.Version, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var lastChange = statuses.Max(s => s.LastEventAt);
        var cache = new CacheStatus(synced, snapshot.Version, lastChange, statuses);
        _state.Update(s => s with
        {
            Version = ++_stateVersion,
            At = DateTimeOffset.UtcNow,
            Cache = cache,
            Translation = _translation,
        });
    }
}
