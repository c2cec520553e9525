using System.Threading.Channels;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Signals;
using KongDashboard.Core.Timing;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Leadership;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease, written for this project instead of KubernetesClient's
/// LeaderElector (see docs: synchronous handlers, renewal after stop, null-holder deadlock, no validation, no release).
/// One loop does every Lease write, so a term's start, renewals, hand-off and release never race each other:
/// <list type="bullet">
/// <item>acquire/renew = GET + PUT carrying the resourceVersion (409 = lost the race);</item>
/// <item>expiry is judged by when this replica observed the record change (monotonic clock), never by comparing clocks;</item>
/// <item>the leader stops its work at RenewDeadline after the start of its last successful renew, a timer enforcing it
/// even if a request hangs, so it has stopped before any candidate may take the Lease (LeaseDuration after observing it);</item>
/// <item>it never writes a null holder, and treats a null or "" holder as free.</item>
/// </list>
/// The Lease is also watched (through the replica's store) so hand-off requests and releases are acted on at once.
/// </summary>
public sealed partial class LeaderElector : IAsyncDisposable
{
    private readonly LeaseClient _lease;
    private readonly ILeaderWork _work;
    private readonly IStateFeed<ClusterSnapshot> _snapshots;
    private readonly ILogger _logger;
    private readonly StateFeed<LeadershipState> _state;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer _deadline;
    private readonly List<Task> _tasks = [];
    private bool _leading;
    private LeaseTerm? _term;
    private long _lastRenewStarted;

    public LeaderElector(LeaderElectionOptions options, IKubernetes client, ILeaderWork work, IStateFeed<ClusterSnapshot> snapshots, ILogger logger)
    {
        Options = options.Validate();
        _lease = new LeaseClient(client, options.Namespace, options.LeaseName);
        _work = work;
        _snapshots = snapshots;
        _logger = logger;
        _time = Options.Time ?? TimeProvider.System;
        _deadline = _time.CreateTimer(_ => OnDeadline(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        LeadershipMetrics.Follower(options.Identity);
        _state = new StateFeed<LeadershipState>(new LeadershipState(true, null)
        {
            Identity = options.Identity,
            LeaseName = $"{options.Namespace}/{options.LeaseName}",
            Timings = options.Timings,
        });
    }

    public LeaderElectionOptions Options { get; }

    public string Identity => Options.Identity;

    public IStateFeed<LeadershipState> State => _state;

    /// <summary>True while this replica leads: its work is started and its last renew is within RenewDeadline.</summary>
    public bool IsLeader
    {
        get
        {
            lock (_gate)
            {
                return _leading;
            }
        }
    }

    /// <summary>
    /// While leading, how long this replica may still lead without another successful renew (RenewDeadline after the
    /// start of its last successful renew, as its own response told it); null when not leading. The Lease seen through
    /// a watch can show a renew before the renewing replica has processed its own response: this cannot.
    /// </summary>
    public TimeSpan? LeadershipLeft
    {
        get
        {
            lock (_gate)
            {
                return _leading ? Options.RenewDeadline - _time.GetElapsedTime(Volatile.Read(ref _lastRenewStarted)) : null;
            }
        }
    }

    /// <summary>The term this replica leads or last led (stamped on pushes, which may still be in flight after a loss).</summary>
    public LeaseTerm? Term => Volatile.Read(ref _term);

    public void Start()
    {
        var token = _stopping.Token;
        _tasks.Add(Task.Run(() => WatchLeaseAsync(token), token));
        _tasks.Add(Task.Run(() => RunAsync(token), token));
    }

    /// <summary>Graceful stop: finish in-flight work, then release the Lease (holderIdentity "", leaseDurationSeconds 1).</summary>
    public async Task ReleaseAsync(CancellationToken shutdown = default)
    {
        await StopLoopAsync().ConfigureAwait(false);
        bool wasLeading;
        lock (_gate)
        {
            wasLeading = _leading;
        }

        if (!wasLeading)
        {
            return;
        }

        StopLeading("shutting down: releasing the Lease", LeadershipEventKind.StoppedLeading);
        // Bounded by the renew deadline and by the process's shutdown budget, whichever ends first.
        using var timeout = RequestTimeout(Options.RenewDeadline, shutdown);
        try
        {
            await _work.DrainAsync(timeout.Token).ConfigureAwait(false);
            await ReleaseLeaseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            _logger.LogWarning("Could not release the Lease {Lease}: {Error}; it expires on its own", _state.Current.LeaseName, LeaseClient.Describe(error));
        }
    }

    /// <summary>A crash: stop without releasing (the Lease stays held until it expires).</summary>
    public async Task AbortAsync()
    {
        await StopLoopAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _leading = false; // the process is gone: its work stops with it, no Lease write
        }

        LeadershipMetrics.Follower(Identity);
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync().ConfigureAwait(false);
        await _deadline.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task StopLoopAsync()
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
            // Stopping.
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = IsLeader ? await LeadStepAsync(cancellationToken).ConfigureAwait(false) : await CandidateStepAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                Note($"Lease request failed: {LeaseClient.Describe(error)}");
                wait = IsLeader ? RenewRetry() : Jittered(Options.RetryPeriod);
            }

            await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Not leading: take the Lease if it is free, expired, absent, or handed to this replica.</summary>
    private async Task<TimeSpan> CandidateStepAsync(CancellationToken cancellationToken)
    {
        using var request = RequestTimeout(Options.RenewDeadline, cancellationToken);
        var lease = await _lease.GetAsync(request.Token).ConfigureAwait(false);
        Observe(lease);
        var now = _time.GetUtcNow().UtcDateTime;
        if (lease is null)
        {
            var started = _time.GetTimestamp();
            var created = await _lease.CreateAsync(NewSpec(now, 0), request.Token).ConfigureAwait(false);
            return created is null ? TimeSpan.Zero : BecomeLeader(created, started, "created the Lease");
        }

        var spec = lease.Spec ??= new V1LeaseSpec();
        var holder = spec.HolderIdentity ?? "";
        string how;
        if (holder == Identity)
        {
            how = LeaseAnnotations.ResultOf(lease) is { Outcome: HandOffOutcome.Completed } result && result.Target == Identity && LeaseAnnotations.ResultTerm(lease) == spec.LeaseTransitions
                ? $"handed over by {result.From}"
                : "still held by this identity";
        }
        else if (holder.Length == 0)
        {
            how = "acquired the released Lease";
        }
        else if (UntilExpiry() is { } remaining && remaining > TimeSpan.Zero)
        {
            // Wake when it expires rather than on the next jittered tick: failover ≈ LeaseDuration after the last renew.
            return Min(Jittered(Options.RetryPeriod), remaining + TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)));
        }
        else
        {
            how = $"took over from {holder} after its Lease expired";
        }

        if (holder != Identity)
        {
            spec.HolderIdentity = Identity;
            spec.AcquireTime = now;
            spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
        }

        spec.AcquireTime ??= now;
        spec.RenewTime = now;
        spec.LeaseDurationSeconds = (int)Options.LeaseDuration.TotalSeconds;
        var sent = _time.GetTimestamp();
        var written = await _lease.ReplaceAsync(lease, request.Token).ConfigureAwait(false);
        return written is null ? Jittered(Options.RetryPeriod) * 0.1 : BecomeLeader(written, sent, how);
    }

    /// <summary>Leading: renew (or hand off when asked). Stops the work once RenewDeadline has passed without a renew.</summary>
    private async Task<TimeSpan> LeadStepAsync(CancellationToken cancellationToken)
    {
        var remaining = Options.RenewDeadline - _time.GetElapsedTime(Volatile.Read(ref _lastRenewStarted));
        if (remaining <= TimeSpan.Zero)
        {
            OnDeadline();
            return TimeSpan.Zero;
        }

        using var request = RequestTimeout(remaining, cancellationToken);
        var lease = await _lease.GetAsync(request.Token).ConfigureAwait(false);
        Observe(lease);
        if (lease?.Spec?.HolderIdentity != Identity)
        {
            StopLeading(lease is null ? "the Lease was deleted" : $"the Lease is now held by '{lease.Spec?.HolderIdentity}'", LeadershipEventKind.StoppedLeading);
            return TimeSpan.Zero;
        }

        if (LeaseAnnotations.Request(lease) is { } handOff)
        {
            return await HandOffAsync(lease, handOff, cancellationToken).ConfigureAwait(false);
        }

        var sent = _time.GetTimestamp();
        lease.Spec.RenewTime = _time.GetUtcNow().UtcDateTime;
        lease.Spec.LeaseDurationSeconds = (int)Options.LeaseDuration.TotalSeconds;
        AddFirstPush(lease);
        var written = await _lease.ReplaceAsync(lease, request.Token).ConfigureAwait(false);
        if (written is null)
        {
            return TimeSpan.Zero; // changed under us (an annotation, most likely): read it again now
        }

        Renewed(written, sent);
        return Options.RetryPeriod;
    }

    private async Task ReleaseLeaseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lease = await _lease.GetAsync(cancellationToken).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != Identity)
            {
                return;
            }

            var now = _time.GetUtcNow().UtcDateTime;
            lease.Spec.HolderIdentity = ""; // never null: a null holder deadlocks KubernetesClient's elector
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.AcquireTime = now;
            lease.Spec.RenewTime = now;
            if (await _lease.ReplaceAsync(lease, cancellationToken).ConfigureAwait(false) is { } released)
            {
                Observe(released);
                AddEvent(LeadershipEventKind.Released, "", released.Spec.LeaseTransitions is { } t ? new LeaseTerm(t, Identity) : null, $"{Identity} released the Lease");
                _logger.LogInformation("{Identity} released the Lease {Lease}", Identity, _state.Current.LeaseName);
                return;
            }
        }
    }

    private V1LeaseSpec NewSpec(DateTime now, int transitions) => new()
    {
        HolderIdentity = Identity,
        AcquireTime = now,
        RenewTime = now,
        LeaseDurationSeconds = (int)Options.LeaseDuration.TotalSeconds,
        LeaseTransitions = transitions,
    };

    private TimeSpan BecomeLeader(V1Lease lease, long renewStarted, string how)
    {
        var term = new LeaseTerm(lease.Spec.LeaseTransitions ?? 0, Identity);
        lock (_gate)
        {
            Volatile.Write(ref _lastRenewStarted, renewStarted);
            _deadline.Change(Options.RenewDeadline - _time.GetElapsedTime(renewStarted), Timeout.InfiniteTimeSpan);
            _leading = true;
            Volatile.Write(ref _term, term);
            _firstPush = null;
            _termStarted = _time.GetUtcNow();
            _work.Start(term);
        }

        Observe(lease);
        LeadershipMetrics.StartedLeading(Identity);
        AddEvent(LeadershipEventKind.StartedLeading, Identity, term, $"{Identity} started leading term {term.Transitions}: {how}");
        _logger.LogInformation("{Identity} leads term {Term}: {How}", Identity, term, how);
        return Options.RetryPeriod;
    }

    private void Renewed(V1Lease lease, long renewStarted)
    {
        lock (_gate)
        {
            if (!_leading)
            {
                return;
            }

            Volatile.Write(ref _lastRenewStarted, renewStarted);
            _deadline.Change(Options.RenewDeadline - _time.GetElapsedTime(renewStarted), Timeout.InfiniteTimeSpan);
        }

        Observe(lease);
    }

    /// <summary>The timer: RenewDeadline after the last renew started, stop whatever the loop is waiting on.</summary>
    private void OnDeadline()
    {
        lock (_gate)
        {
            if (!_leading || _time.GetElapsedTime(Volatile.Read(ref _lastRenewStarted)) < Options.RenewDeadline)
            {
                return;
            }
        }

        StopLeading($"could not renew the Lease within RenewDeadline ({Options.RenewDeadline.TotalSeconds:0.###} s)", LeadershipEventKind.StoppedLeading);
        Wake();
    }

    private void StopLeading(string reason, LeadershipEventKind kind)
    {
        LeaseTerm? term;
        lock (_gate)
        {
            if (!_leading)
            {
                return;
            }

            _leading = false;
            _deadline.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _work.Stop(reason);
            term = _term;
        }

        LeadershipMetrics.StoppedLeading(Identity);
        AddEvent(kind, null, term, $"{Identity} stopped leading: {reason}");
        _logger.LogInformation("{Identity} stopped leading term {Term}: {Reason}", Identity, term, reason);
    }

    private TimeSpan RenewRetry()
    {
        var remaining = Options.RenewDeadline - _time.GetElapsedTime(Volatile.Read(ref _lastRenewStarted));
        return Min(Options.RetryPeriod / 2, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            _wake.Reader.TryRead(out _);
            return;
        }

        using var timeout = RequestTimeout(delay, cancellationToken);
        try
        {
            await _wake.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Period elapsed.
        }
    }

    /// <summary>Cancelled by <paramref name="cancellationToken"/> or after <paramref name="after"/> on the elector's clock.</summary>
    private TimedCancellation RequestTimeout(TimeSpan after, CancellationToken cancellationToken) => new(after, _time, cancellationToken);

    /// <summary>client-go's wait.Jitter with factor 0.2: [period, 1.2 × period).</summary>
    private static TimeSpan Jittered(TimeSpan period) => period * (1 + 0.2 * Random.Shared.NextDouble());

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
