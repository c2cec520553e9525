using System.Collections.Immutable;
using System.Net;
using System.Threading.Channels;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Timing;
using Microsoft.Extensions.Logging;
using Refit;

namespace KongDashboard.Core.Sync;

/// <summary>
/// Keeps one Kong gateway on the desired configuration, independently of every other gateway: pushes each new payload,
/// re-pushes when the gateway reports an empty configuration (restarted) or when forced, retries failures with capped
/// back-off (or Kong's Retry-After), and reads /status often enough to notice a restart within a second. Decides what
/// to push by KIC's change detection only: the SHA last accepted by this gateway and the hash in its /status — never
/// from a 304, which real Kong does not send for a body with a top-level _format_version.
/// </summary>
public sealed class GatewaySync : IAsyncDisposable
{
    private const int HistoryLength = 50;

    private readonly IKongAdminApi _api;
    private readonly KongSyncOptions _options;
    private readonly Func<bool> _mayPush;
    private readonly Action<GatewaySync, ConfigPayload, PushRecord> _onPushed;
    private readonly Action _onStatusChanged;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _pushing = new(1, 1);
    private readonly GatewayProbe _probe = new();
    private readonly Task _loop;
    private volatile ConfigPayload? _desired;
    private volatile bool _forced;
    private string? _rejectedSha;
    private ConfigPayload? _lastPushed;
    private string? _appliedKongHash;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    // When the loop last read /status and decided: a retry that falls due after that decision but before the wait
    // starts is taken at once, not one status interval late.
    private DateTimeOffset _decidedAt = DateTimeOffset.MinValue;
    private volatile GatewayStatus _status;
    private volatile LeaderPushes? _leader;
    private (LeaderPush Push, PushRecord Record)? _leaderRecord;
    private readonly Func<bool>? _wantsLastValid;
    private readonly Action<GatewaySync, KongConfig>? _onLastValidFetched;
    private bool _lastValidTried;

    public GatewaySync(
        GatewayEndpoint endpoint,
        IKongAdminApi api,
        KongSyncOptions options,
        Func<bool> mayPush,
        Action<GatewaySync, ConfigPayload, PushRecord> onPushed,
        Action onStatusChanged,
        ILogger logger,
        TimeProvider? time = null,
        Func<bool>? wantsLastValid = null,
        Action<GatewaySync, KongConfig>? onLastValidFetched = null)
    {
        _wantsLastValid = wantsLastValid;
        _onLastValidFetched = onLastValidFetched;
        Endpoint = endpoint;
        _api = api;
        _options = options;
        _mayPush = mayPush;
        _onPushed = onPushed;
        _onStatusChanged = onStatusChanged;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _backoff = new Backoff(options.InitialRetryDelay, options.MaxRetryDelay);
        _status = new GatewayStatus(endpoint.Id, endpoint.AdminUrl, endpoint.Pod, endpoint.Node, false, null, null,
            GatewaySyncState.Pending, null, null, [], null, null, null, null)
        { Live = _probe };
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    public GatewayEndpoint Endpoint { get; }

    public GatewayStatus Status => _status;

    public void SetDesired(ConfigPayload payload)
    {
        _desired = payload;
        Wake();
    }

    /// <summary>
    /// What the Lease holder published about its pushes: while this replica does not push, the gateway's state is judged
    /// against it (the hash Kong reported to the leader for the configuration this replica also translated).
    /// </summary>
    public void SetLeader(LeaderPushes? leader)
    {
        _leader = leader;
        Wake();
    }

    /// <summary>Push the desired configuration again even if the gateway already has it ("Resync").</summary>
    public void ForceResync()
    {
        _forced = true;
        _rejectedSha = null;
        _retryAt = DateTimeOffset.MinValue;
        Wake();
    }

    /// <summary>Completes when no push is in flight; callers use it before handing leadership over.</summary>
    public async Task WaitForInFlightAsync(CancellationToken cancellationToken)
    {
        await _pushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        _pushing.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stopping.Dispose();
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var status = await ReadStatusAsync(cancellationToken).ConfigureAwait(false);
            _decidedAt = _time.GetUtcNow();
            if (status is { HasConfiguration: true } && !_lastValidTried && _wantsLastValid?.Invoke() == true && _mayPush())
            {
                await FetchLastValidAsync(cancellationToken).ConfigureAwait(false);
            }

            if (status is not null && ShouldPush(status) is { } payload && _mayPush())
            {
                var started = _time.GetTimestamp();
                await PushAsync(payload, cancellationToken).ConfigureAwait(false);
                if (!ReferenceEquals(_desired, payload))
                {
                    // A newer configuration arrived during the push: a burst is in flight, coalesce it (see BurstRest).
                    await BurstRest.RestAsync(_time.GetElapsedTime(started), _time, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            await WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// KIC's TryFetchingValidConfigFromGateways (configfetcher/config_fetcher.go), before the first push: a gateway
    /// that already holds a configuration (non-empty hash) gives the last valid configuration, to fall back on when
    /// Kong rejects one and no broken object can be named.
    /// </summary>
    private async Task FetchLastValidAsync(CancellationToken cancellationToken)
    {
        _lastValidTried = true;
        try
        {
            var export = await _api.GetConfigAsync(cancellationToken).ConfigureAwait(false);
            if (export.Config is { Length: > 0 } text && KongConfigSerializer.FromText(text) is { } config)
            {
                _onLastValidFetched?.Invoke(this, config);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // KIC logs this and carries on: the configuration can still be pushed.
            _logger.LogWarning("Could not fetch the last valid configuration from {Gateway}: {Error}", Endpoint.Id, error.Message);
        }
    }

    /// <summary>KIC's PerformUpdate + KongGatewayConfigurationChangeDetector.HasConfigurationChanged.</summary>
    private ConfigPayload? ShouldPush(KongNodeStatus status)
    {
        var desired = _desired;
        if (desired is null || _time.GetUtcNow() < _retryAt)
        {
            return null;
        }

        if (_forced)
        {
            return desired;
        }

        if (desired.Sha == _rejectedSha)
        {
            return null; // Kong said no to exactly this; a new payload (fallback or a fix) is needed.
        }

        if (desired.Sha != _lastPushed?.Sha)
        {
            return desired; // config_change_detector.go:53
        }

        // Same SHA as last accepted: push only if Kong lost it (restart, crash) — unless what we would push is itself
        // empty, which Kong also reports with the all-zero hash (config_change_detector.go:63-70).
        return status.ReportsEmptyConfiguration && !desired.IsEmpty ? desired : null;
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = _options.StatusInterval;
        var now = _time.GetUtcNow();
        if (_decidedAt < _retryAt && now >= _retryAt)
        {
            return; // the back-off ended while this iteration ran: retry now (the next iteration decides after it)
        }

        var untilRetry = _retryAt - now;
        if (untilRetry > TimeSpan.Zero && untilRetry < delay)
        {
            delay = untilRetry;
        }

        using var timeout = new CancellationTokenSource(delay, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Interval elapsed: read /status again.
        }
    }

    private async Task<KongNodeStatus?> ReadStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (version, polling) = _status.KongVersion is { } known ? (known, _status.DatabasePolling)
                : await ReadNodeInfoAsync(cancellationToken).ConfigureAwait(false);
            var status = await _api.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            _probe.Observe(status, _time.GetUtcNow());
            var lost = status.ReportsEmptyConfiguration && _lastPushed is { IsEmpty: false };
            var follower = _mayPush() ? null : FollowerView(status);
            Update(s => follower is { } f
                ? s with
                {
                    Reachable = true,
                    KongVersion = version,
                    DatabasePolling = polling,
                    DatabaseReachable = status.Database?.Reachable,
                    ConfigurationHash = status.ConfigurationHash,
                    State = f.State,
                    AppliedSha = f.AppliedSha,
                    LastPush = f.LastPush ?? s.LastPush,
                    LastError = f.Error,
                }
                : s with
                {
                    Reachable = true,
                    KongVersion = version,
                    DatabasePolling = polling,
                    DatabaseReachable = status.Database?.Reachable,
                    ConfigurationHash = status.ConfigurationHash,
                    State = DeriveState(status),
                    AppliedSha = lost ? null : s.AppliedSha,
                    LastError = s.State == GatewaySyncState.Unreachable ? null : s.LastError,
                });
            return status;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Update(s => s with { Reachable = false, State = GatewaySyncState.Unreachable, LastError = Describe(error) });
            return null;
        }
    }

    private async Task<(string? Version, Database.NodePollSettings? Polling)> ReadNodeInfoAsync(CancellationToken cancellationToken)
    {
        var info = await _api.GetNodeInfoAsync(cancellationToken).ConfigureAwait(false);
        return (info.Version, Database.NodePollSettings.From(info));
    }

    /// <summary>
    /// A follower's view: In sync when the gateway reports the hash the leader saw after applying the configuration it
    /// pushes for this replica's translation; Rejected when the leader's last push of it failed with Kong's errors.
    /// </summary>
    private FollowerState? FollowerView(KongNodeStatus status)
    {
        if (_leader is not { } leader)
        {
            return null;
        }

        var desired = _desired;
        var push = leader.For(Endpoint.Id);
        if (desired is null || push is null)
        {
            return new FollowerState(GatewaySyncState.Pending, null, null, null);
        }

        var record = RecordOf(push, leader.Leader);
        var target = leader.TargetFor(desired.Sha);
        var serves = push.AppliedKongHash is not null && push.AppliedKongHash == status.ConfigurationHash ? push.AppliedSha : null;
        if (!push.Success && push.StatusCode == 400 && (push.Sha == target || push.Sha == desired.Sha))
        {
            return new FollowerState(GatewaySyncState.Rejected, serves, record, push.Summary);
        }

        return serves is not null && serves == target
            ? new FollowerState(GatewaySyncState.InSync, serves, record, null)
            : new FollowerState(GatewaySyncState.OutOfSync, serves, record, push.Success ? null : push.Summary);
    }

    /// <summary>The leader's push as a record; the same instance while the leader's entry is the same (no new state per poll).</summary>
    private PushRecord RecordOf(LeaderPush push, string leader)
    {
        if (_leaderRecord is { } cached && ReferenceEquals(cached.Push, push))
        {
            return cached.Record;
        }

        var kind = Enum.TryParse<PayloadKind>(push.Kind, out var k) ? k : PayloadKind.Full;
        var record = new PushRecord(push.At, TimeSpan.FromMilliseconds(push.DurationMs), push.Sha, kind, push.Success, push.StatusCode,
            push.Summary, [.. push.Errors.Select(e => new KongRejection("", null, e, null))], 0)
        { PushedBy = leader, KongHash = push.Success ? push.AppliedKongHash : null };
        _leaderRecord = (push, record);
        return record;
    }

    private GatewaySyncState DeriveState(KongNodeStatus status)
    {
        var desired = _desired;
        if (desired is null)
        {
            return GatewaySyncState.Pending;
        }

        if (desired.Sha == _rejectedSha)
        {
            return GatewaySyncState.Rejected;
        }

        // In sync: the desired payload is the one this gateway last accepted, and Kong still serves what it reported
        // right after that push (an empty configuration legitimately reports the all-zero hash).
        return _lastPushed?.Sha == desired.Sha && status.ConfigurationHash == _appliedKongHash
            ? GatewaySyncState.InSync
            : GatewaySyncState.OutOfSync;
    }

    private async Task PushAsync(ConfigPayload payload, CancellationToken cancellationToken)
    {
        await _pushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_mayPush())
        {
            // Disabled while waiting (leadership lost or handed off): whoever drained in-flight pushes must not see one start now.
            _pushing.Release();
            return;
        }

        var started = _time.GetTimestamp();
        PushRecord record;
        try
        {
            using var body = payload.Content.OpenRead();
            using var response = await _api.PostConfigAsync(body, cancellationToken).ConfigureAwait(false);
            var elapsed = _time.GetElapsedTime(started);
            // 2xx is applied. (A 304 would also mean Kong holds this exact configuration; real Kong never sends one for
            // our body, and nothing here waits for it: "already applied" is decided from the SHA and /status.)
            if (response.IsSuccessful || response.StatusCode == HttpStatusCode.NotModified)
            {
                record = Applied(payload, elapsed, response.StatusCode ?? HttpStatusCode.OK, await _api.GetStatusAsync(cancellationToken).ConfigureAwait(false));
            }
            else if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                record = Rejected(payload, elapsed, (response.Error as ApiException)?.Content ?? response.Content);
            }
            else
            {
                var code = (int?)response.StatusCode;
                var wait = RetryAfter.From(response.StatusCode, response.Headers, _time.GetUtcNow());
                record = Failed(payload, elapsed, code, $"HTTP {code}: {Truncate(SecretRedactor.Scrub((response.Error as ApiException)?.Content ?? ""))}", wait);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            record = Failed(payload, _time.GetElapsedTime(started), null, Describe(error), null);
        }
        finally
        {
            _pushing.Release();
        }

        Update(s => s with { LastPush = record, History = s.History.Insert(0, record).Take(HistoryLength).ToImmutableArray() });
        _logger.Log(record.Success ? LogLevel.Debug : LogLevel.Warning, "Push of {Sha} ({Kind}) to {Gateway}: {Summary} in {Elapsed:0} ms",
            payload.ShortSha, payload.Kind, Endpoint.Id, record.Summary, record.Duration.TotalMilliseconds);
        _onPushed(this, payload, record);
    }

    private PushRecord Applied(ConfigPayload payload, TimeSpan elapsed, HttpStatusCode statusCode, KongNodeStatus status)
    {
        // KIC's client.SetLastConfigSHA after a successful update (kong_client.go:865).
        _lastPushed = payload;
        _appliedKongHash = status.ConfigurationHash;
        _forced = false;
        _backoff.Reset();
        _retryAt = DateTimeOffset.MinValue;
        _probe.Observe(status, _time.GetUtcNow());
        Update(s => s with
        {
            AppliedSha = payload.Sha,
            ConfigurationHash = status.ConfigurationHash,
            State = payload.Sha == _desired?.Sha ? GatewaySyncState.InSync : GatewaySyncState.OutOfSync,
            LastError = null,
        });
        return new PushRecord(_time.GetUtcNow(), elapsed, payload.Sha, payload.Kind, true, (int)statusCode,
            $"applied ({payload.Kind.ToString().ToLowerInvariant()})", [], payload.Content.Length)
        { KongHash = status.ConfigurationHash };
    }

    private PushRecord Rejected(ConfigPayload payload, TimeSpan elapsed, string? raw)
    {
        var errors = KongConfigErrors.Parse(raw);
        // Kong echoes entities and quotes values (a duplicate key-auth key) in its errors: scrub before anything keeps them.
        var rejections = KongConfigErrors.Rejections(errors).Select(r => r with { Message = SecretRedactor.Scrub(r.Message) }).ToImmutableArray();
        _rejectedSha = payload.Sha;
        _forced = false;
        var record = new PushRecord(_time.GetUtcNow(), elapsed, payload.Sha, payload.Kind, false, 400,
            SecretRedactor.Scrub(errors?.Message ?? "rejected by Kong"), rejections, payload.Content.Length)
        { RawError = raw is null ? null : SecretRedactor.Scrub(raw) };
        Update(s => s with { State = GatewaySyncState.Rejected, LastError = record.Summary });
        return record;
    }

    /// <summary>A transient failure: retry after back-off, or after Kong's Retry-After (capped) when it sent one.</summary>
    private PushRecord Failed(ConfigPayload payload, TimeSpan elapsed, int? statusCode, string summary, TimeSpan? retryAfter)
    {
        var backoff = _backoff.Next();
        var delay = retryAfter is { } asked ? (asked > _options.MaxRetryDelay ? _options.MaxRetryDelay : asked) : backoff;
        _retryAt = _time.GetUtcNow() + delay;
        // A forced push that failed stays forced, so the retry still happens when Kong already had this SHA.
        Update(s => s with { State = statusCode is null ? GatewaySyncState.Unreachable : GatewaySyncState.OutOfSync, LastError = summary });
        var why = retryAfter is null ? "" : " (Retry-After)";
        return new PushRecord(_time.GetUtcNow(), elapsed, payload.Sha, payload.Kind, false, statusCode,
            $"{summary}; retry in {delay.TotalSeconds:0.0} s{why}", [], payload.Content.Length);
    }

    /// <summary>Publishes only real changes: an identical status (a poll that saw nothing new) is not a new state.</summary>
    private void Update(Func<GatewayStatus, GatewayStatus> change)
    {
        var next = change(_status);
        if (next.Equals(_status))
        {
            return;
        }

        _status = next;
        _onStatusChanged();
    }

    private static string Describe(Exception error) => error switch
    {
        ApiException api => $"HTTP {(int)api.StatusCode}: {Truncate(api.Content)}",
        TaskCanceledException => "timed out",
        HttpRequestException http => http.Message,
        _ => error.Message,
    };

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 300 ? text : text[..300] + "…";

    private sealed record FollowerState(GatewaySyncState State, string? AppliedSha, PushRecord? LastPush, string? Error);
}
