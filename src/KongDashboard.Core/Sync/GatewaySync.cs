using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using Microsoft.Extensions.Logging;
using Refit;

namespace KongDashboard.Core.Sync;

/// <summary>
/// Keeps one Kong gateway on the desired configuration, independently of every other gateway: pushes each new payload,
/// re-pushes when the gateway reports an empty configuration (restarted) or when forced, retries failures with capped
/// back-off, and reads /status often enough to notice a restart within a second.
/// </summary>
public sealed class GatewaySync : IAsyncDisposable
{
    private const int HistoryLength = 50;

    private readonly IKongAdminApi _api;
    private readonly KongSyncOptions _options;
    private readonly Func<bool> _mayPush;
    private readonly Action<GatewaySync, PushRecord> _onPushed;
    private readonly Action _onStatusChanged;
    private readonly ILogger _logger;
    private readonly Backoff _backoff;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _pushing = new(1, 1);
    private readonly Task _loop;
    private volatile ConfigPayload? _desired;
    private volatile bool _forced;
    private string? _rejectedSha;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private volatile GatewayStatus _status;
    private string? _appliedKongHash;

    public GatewaySync(
        GatewayEndpoint endpoint,
        IKongAdminApi api,
        KongSyncOptions options,
        Func<bool> mayPush,
        Action<GatewaySync, PushRecord> onPushed,
        Action onStatusChanged,
        ILogger logger)
    {
        Endpoint = endpoint;
        _api = api;
        _options = options;
        _mayPush = mayPush;
        _onPushed = onPushed;
        _onStatusChanged = onStatusChanged;
        _logger = logger;
        _backoff = new Backoff(options.InitialRetryDelay, options.MaxRetryDelay);
        _status = new GatewayStatus(endpoint.Id, endpoint.AdminUrl, endpoint.Pod, endpoint.Node, false, null, null,
            GatewaySyncState.Pending, null, null, [], null, null, null, null);
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    public GatewayEndpoint Endpoint { get; }

    public GatewayStatus Status => _status;

    public void SetDesired(ConfigPayload payload)
    {
        _desired = payload;
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
            if (status is not null && ShouldPush(status) && _mayPush())
            {
                await PushAsync(_desired!, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool ShouldPush(KongNodeStatus status)
    {
        var desired = _desired;
        if (desired is null || DateTimeOffset.UtcNow < _retryAt)
        {
            return false;
        }

        if (_forced)
        {
            return true;
        }

        if (desired.Sha == _rejectedSha)
        {
            return false; // Kong said no to exactly this; a new payload (fallback or a fix) is needed.
        }

        // A restarted Kong reports an empty configuration: it needs the whole configuration again (KIC's
        // config_change_detector.go), as does one that never got this payload.
        return desired.Sha != _status.AppliedSha || !status.HasConfiguration;
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = _options.StatusInterval;
        var untilRetry = _retryAt - DateTimeOffset.UtcNow;
        if (untilRetry > TimeSpan.Zero && untilRetry < delay)
        {
            delay = untilRetry;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(delay);
        try
        {
            await _wake.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
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
            var version = _status.KongVersion ?? (await _api.GetNodeInfoAsync(cancellationToken).ConfigureAwait(false)).Version;
            var status = await _api.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            var state = DeriveState(status);
            Update(s => s with
            {
                Reachable = true,
                KongVersion = version,
                ConfigurationHash = status.ConfigurationHash,
                State = state,
                AppliedSha = status.HasConfiguration ? s.AppliedSha : null,
                ConnectionsActive = status.Server?.ConnectionsActive,
                TotalRequests = status.Server?.TotalRequests,
                LastError = s.State == GatewaySyncState.Unreachable ? null : s.LastError,
                LastSeenAt = DateTimeOffset.UtcNow,
            });
            return status;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Update(s => s with { Reachable = false, State = GatewaySyncState.Unreachable, LastError = Describe(error) });
            return null;
        }
    }

    private GatewaySyncState DeriveState(KongNodeStatus status)
    {
        if (!status.HasConfiguration)
        {
            return _desired is null ? GatewaySyncState.Pending : GatewaySyncState.OutOfSync;
        }

        // In sync: Kong still serves exactly what it reported right after our last accepted push of the desired payload.
        return _status.AppliedSha is not null && _status.AppliedSha == _desired?.Sha && status.ConfigurationHash == _appliedKongHash
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

        var started = Stopwatch.GetTimestamp();
        PushRecord record;
        try
        {
            _forced = false;
            using var body = new MemoryStream(payload.Body, writable: false);
            using var response = await _api.PostConfigAsync(body, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            // 304: check_hash found the gateway already on this configuration (pushed by another term or replica).
            if (response.IsSuccessful || response.StatusCode == HttpStatusCode.NotModified)
            {
                var status = await _api.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                _appliedKongHash = status.ConfigurationHash;
                _backoff.Reset();
                _retryAt = DateTimeOffset.MinValue;
                record = new PushRecord(DateTimeOffset.UtcNow, elapsed, payload.Sha, payload.Kind, true, (int?)response.StatusCode,
                    $"applied ({payload.Kind.ToString().ToLowerInvariant()})", [], payload.Body.Length);
                Update(s => s with
                {
                    AppliedSha = payload.Sha,
                    ConfigurationHash = status.ConfigurationHash,
                    State = payload.Sha == _desired?.Sha ? GatewaySyncState.InSync : GatewaySyncState.OutOfSync,
                    LastError = null,
                });
            }
            else if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var raw = (response.Error as ApiException)?.Content ?? response.Content;
                var errors = KongConfigErrors.Parse(raw);
                // Kong echoes entities and quotes values (a duplicate key-auth key) in its errors: scrub before anything keeps them.
                var rejections = KongConfigErrors.Rejections(errors).Select(r => r with { Message = SecretRedactor.Scrub(r.Message) }).ToImmutableArray();
                raw = raw is null ? null : SecretRedactor.Scrub(raw);
                _rejectedSha = payload.Sha;
                record = new PushRecord(DateTimeOffset.UtcNow, elapsed, payload.Sha, payload.Kind, false, 400,
                    SecretRedactor.Scrub(errors?.Message ?? "rejected by Kong"), rejections, payload.Body.Length)
                { RawError = raw };
                Update(s => s with { State = GatewaySyncState.OutOfSync, LastError = record.Summary });
            }
            else
            {
                var code = (int?)response.StatusCode;
                record = Failed(payload, elapsed, code, $"HTTP {code}: {Truncate(SecretRedactor.Scrub((response.Error as ApiException)?.Content ?? ""))}");
            }
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            record = Failed(payload, Stopwatch.GetElapsedTime(started), null, Describe(error));
        }
        finally
        {
            _pushing.Release();
        }

        Update(s => s with { LastPush = record, History = s.History.Insert(0, record).Take(HistoryLength).ToImmutableArray() });
        _logger.Log(record.Success ? LogLevel.Debug : LogLevel.Warning, "Push of {Sha} ({Kind}) to {Gateway}: {Summary} in {Elapsed:0} ms",
            payload.ShortSha, payload.Kind, Endpoint.Id, record.Summary, record.Duration.TotalMilliseconds);
        _onPushed(this, record);
    }

    private PushRecord Failed(ConfigPayload payload, TimeSpan elapsed, int? statusCode, string summary)
    {
        var delay = _backoff.Next();
        _retryAt = DateTimeOffset.UtcNow + delay;
        Update(s => s with { State = statusCode is null ? GatewaySyncState.Unreachable : GatewaySyncState.OutOfSync, LastError = summary });
        return new PushRecord(DateTimeOffset.UtcNow, elapsed, payload.Sha, payload.Kind, false, statusCode, $"{summary}; retry in {delay.TotalSeconds:0.0} s", [], payload.Body.Length);
    }

    private void Update(Func<GatewayStatus, GatewayStatus> change)
    {
        _status = change(_status);
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
}
