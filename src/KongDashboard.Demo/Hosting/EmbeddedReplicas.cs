using System.Text.Json.Nodes;
using k8s;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.EmbeddedCluster;

namespace KongDashboard.Hosting;

/// <summary>
/// Embedded mode runs one controller replica per kong-dashboard pod, all in this process, each with its own identity
/// (the pod name), KubernetesClient, store, elector and pusher. A pod that appears gets its replica after a container
/// start delay; a deleted pod's replica stops gracefully (releasing the Lease). The dashboard follows a "local" replica,
/// and its replacement when it is gone.
/// </summary>
public sealed class EmbeddedReplicas : IControllerReplicas, IAsyncDisposable
{
    public const string Namespace = "kong";
    public const string PodLabel = "app.kubernetes.io/name";
    public const string PodLabelValue = "kong-dashboard";

    private readonly EmbeddedApiServer _server;
    private readonly Func<string, ControllerInstanceOptions> _options;
    private readonly Func<IKubernetes> _newClient;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly StateFeed<ControllerState>? _feed;
    private readonly TimeSpan _startDelay;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Replica> _running = [];
    private readonly Dictionary<string, DateTimeOffset> _pending = [];
    private readonly HashSet<string> _crashed = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _tasks = [];
    private volatile Replica? _local;
    private bool _followReplacement;
    private CancellationTokenSource _localChanged = new();

    public EmbeddedReplicas(EmbeddedApiServer server, Func<string, ControllerInstanceOptions> options, Func<IKubernetes> newClient,
        ILoggerFactory loggerFactory, StateFeed<ControllerState>? feed, TimeSpan startDelay)
    {
        _server = server;
        _options = options;
        _newClient = newClient;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<EmbeddedReplicas>();
        _feed = feed;
        _startDelay = startDelay;
    }

    /// <summary>The replica serving this dashboard.</summary>
    public ControllerInstance? Local => _local?.Instance;

    public IReadOnlyList<ControllerInstance> All
    {
        get
        {
            _gate.Wait();
            try
            {
                return _running.Values.Select(r => r.Instance).OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public ControllerInstance? Leader => All.FirstOrDefault(i => i.Elector?.IsLeader == true);

    /// <summary>Starts a replica for each existing pod at once (waiting briefly for the Deployment's pods), then follows pods.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (Pods().Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        await ReconcileAsync(initial: true).ConfigureAwait(false);
        var token = _stopping.Token;
        _tasks.Add(Task.Run(() => FollowPodsAsync(token), token));
        if (_feed is not null)
        {
            _tasks.Add(Task.Run(() => FollowLocalAsync(_feed, token), token));
        }
    }

    /// <summary>The demo's "Crash leader": the leader's replica stops abruptly (no release) and its pod is deleted.</summary>
    public async Task<string?> CrashLeaderAsync(CancellationToken cancellationToken)
    {
        Replica? victim;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            victim = _running.Values.FirstOrDefault(r => r.Instance.Elector?.IsLeader == true);
            if (victim is null)
            {
                return null;
            }

            _running.Remove(victim.Pod);
            _crashed.Add(victim.Pod);
            LocalGone(victim);
        }
        finally
        {
            _gate.Release();
        }

        await victim.Instance.CrashAsync().ConfigureAwait(false);
        _logger.LogWarning("Crashed the leader {Identity}: no Lease release; deleting its pod", victim.Pod);
        using var client = _newClient();
        try
        {
            await client.CoreV1.DeleteNamespacedPodAsync(victim.Pod, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            victim.Client.Dispose();
        }

        return victim.Pod;
    }

    public ValueTask DisposeAsync() => StopAllAsync(CancellationToken.None);

    /// <summary>Stops every replica gracefully within <paramref name="shutdown"/>.</summary>
    public async ValueTask StopAllAsync(CancellationToken shutdown)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        List<Replica> replicas;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            replicas = [.. _running.Values];
            _running.Clear();
        }
        finally
        {
            _gate.Release();
        }

        // Graceful: every replica releases what it holds (only the leader holds anything).
        await Task.WhenAll(replicas.Select(r => StopAsync(r, shutdown).AsTask())).ConfigureAwait(false);
    }

    private List<(string Name, DateTimeOffset? Deleting)> Pods() =>
        _server.Store.List("Pod")
            .Where(p => p["metadata"]?["namespace"]?.ToString() == Namespace && p["metadata"]?["labels"]?[PodLabel]?.ToString() == PodLabelValue)
            .Select(p => (p["metadata"]!["name"]!.ToString(), p["metadata"]?["deletionTimestamp"] is JsonNode d ? DateTimeOffset.Parse(d.ToString(), System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null))
            .ToList();

    private async Task FollowPodsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            try
            {
                await ReconcileAsync(initial: false).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                _logger.LogError(error, "Reconciling the embedded controller replicas failed");
            }
        }
    }

    private async Task ReconcileAsync(bool initial)
    {
        var pods = Pods().Where(p => p.Deleting is null).Select(p => p.Name).ToHashSet();
        var now = DateTimeOffset.UtcNow;
        List<Replica> gone;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var pod in pods.Where(p => !_running.ContainsKey(p) && !_pending.ContainsKey(p) && !_crashed.Contains(p)))
            {
                _pending[pod] = initial ? now : now + _startDelay; // a new pod's container takes a moment to start
            }

            foreach (var (pod, at) in _pending.Where(p => p.Value <= now).ToList())
            {
                _pending.Remove(pod);
                if (pods.Contains(pod))
                {
                    var started = _running[pod] = StartReplica(pod);
                    if (_followReplacement)
                    {
                        _followReplacement = false;
                        SetLocal(started); // the crashed local replica's replacement serves the dashboard from now on
                    }
                }
            }

            foreach (var pod in _pending.Keys.Where(p => !pods.Contains(p)).ToList())
            {
                _pending.Remove(pod);
            }

            gone = _running.Values.Where(r => !pods.Contains(r.Pod)).ToList();
            foreach (var replica in gone)
            {
                _running.Remove(replica.Pod);
            }

            if (_local is null || !_running.ContainsKey(_local.Pod))
            {
                SetLocal(_running.Values.OrderBy(r => r.Pod, StringComparer.Ordinal).FirstOrDefault());
            }
        }
        finally
        {
            _gate.Release();
        }

        foreach (var replica in gone)
        {
            _logger.LogInformation("Pod {Pod} is gone: stopping its controller replica gracefully", replica.Pod);
            await StopAsync(replica).ConfigureAwait(false);
        }
    }

    private Replica StartReplica(string pod)
    {
        var client = _newClient();
        var instance = new ControllerInstance(_options(pod), client, _loggerFactory);
        instance.Start();
        _logger.LogInformation("Started controller replica {Identity}", pod);
        return new Replica(pod, instance, client);
    }

    private static async ValueTask StopAsync(Replica replica, CancellationToken shutdown = default)
    {
        await replica.Instance.StopAsync(shutdown).ConfigureAwait(false);
        replica.Client.Dispose();
    }

    private void LocalGone(Replica replica)
    {
        if (_local == replica)
        {
            // Meanwhile follow any running replica (the next reconcile picks one), then the replacement once it starts.
            _followReplacement = true;
            SetLocal(null);
        }
    }

    private void SetLocal(Replica? replica)
    {
        if (_local == replica)
        {
            return;
        }

        _local = replica;
        var previous = Interlocked.Exchange(ref _localChanged, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    /// <summary>Republishes the local replica's states into the dashboard's feed, switching when the local replica changes.</summary>
    private async Task FollowLocalAsync(StateFeed<ControllerState> feed, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var changed = Volatile.Read(ref _localChanged);
            var local = _local;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                changed.Token.Register(linked.Cancel);
            }
            catch (ObjectDisposedException)
            {
                continue; // changed again meanwhile
            }

            try
            {
                if (local is null)
                {
                    await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
                }
                else
                {
                    await foreach (var state in local.Instance.State.WatchAsync(linked.Token).ConfigureAwait(false))
                    {
                        feed.Publish(state);
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The local replica changed: follow the new one.
            }
        }
    }

    private sealed record Replica(string Pod, ControllerInstance Instance, IKubernetes Client);

    /// <summary>The pod of an embedded replica.</summary>
    public static ObjectRef PodRef(string pod) => new("", "v1", "Pod", Namespace, pod);
}
