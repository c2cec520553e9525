using System.Collections.Immutable;
using System.Threading.Channels;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Sync.Database;

/// <summary>
/// DB mode's sync loop (KIC's UpdateStrategyDBMode, internal/dataplane/sendconfig/dbmode.go): every Kong node reads the
/// same database, so one gateway is written, by the Lease holder only. A new translation is applied incrementally;
/// the first sync after this replica starts leading, every sync after a failure and one every
/// <see cref="KongSyncOptions.FullReconcileInterval"/> are full (dump + diff), which corrects drift.
/// </summary>
public sealed class DatabaseSync : IAsyncDisposable
{
    private const int ReportsKept = 20;

    private readonly KongSyncOptions _options;
    private readonly Func<bool> _mayWrite;
    private readonly Func<IReadOnlyList<GatewayEndpoint>> _endpoints;
    private readonly Func<GatewayEndpoint, HttpClient> _http;
    private readonly Action<GatewayEndpoint, ConfigPayload, PushRecord> _onApplied;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DbReconciler _reconciler;
    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _syncing = new(1, 1);
    private readonly StateFeed<DbSyncHistory> _reports = new(DbSyncHistory.Empty);
    private readonly Task _loop;
    private volatile ConfigPayload? _desired;
    private string? _appliedSha;
    private bool _needsFull = true;
    private bool _forced;
    private DateTimeOffset _lastFull = DateTimeOffset.MinValue;

    public DatabaseSync(KongSyncOptions options, Func<bool> mayWrite, Func<IReadOnlyList<GatewayEndpoint>> endpoints,
        Func<GatewayEndpoint, HttpClient> http, Action<GatewayEndpoint, ConfigPayload, PushRecord> onApplied, ILogger logger, TimeProvider? time = null)
    {
        _options = options;
        _mayWrite = mayWrite;
        _endpoints = endpoints;
        _http = http;
        _onApplied = onApplied;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _reconciler = new DbReconciler(options.Concurrency, _time);
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>The last syncs, newest first: entity diffs with their source objects, failed writes, drift corrected.</summary>
    public IStateFeed<DbSyncHistory> Reports => _reports;

    public void SetDesired(ConfigPayload payload)
    {
        _desired = payload;
        Wake();
    }

    /// <summary>A full reconciliation now ("Resync"), even when nothing changed.</summary>
    public void ForceFull()
    {
        _forced = true;
        Wake();
    }

    /// <summary>Leadership may have moved: what Kong holds is unknown until a full sync reads it.</summary>
    public void LeadershipChanged()
    {
        _needsFull = true;
        Wake();
    }

    public async Task WaitForInFlightAsync(CancellationToken cancellationToken)
    {
        await _syncing.WaitAsync(cancellationToken).ConfigureAwait(false);
        _syncing.Release();
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
        }

        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _stopping.Dispose();
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken ct)
    {
        var retryDelay = _options.InitialRetryDelay;
        while (!ct.IsCancellationRequested)
        {
            var ok = true;
            if (!_mayWrite())
            {
                _needsFull = true; // whoever leads meanwhile may write: never trust what we applied before
            }
            else if (_desired is { } desired && (Due() || desired.Sha != _appliedSha))
            {
                ok = await SyncAsync(desired, ct).ConfigureAwait(false);
            }

            retryDelay = ok ? _options.InitialRetryDelay : TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            await WaitAsync(ok ? _options.StatusInterval : retryDelay, ct).ConfigureAwait(false);
        }
    }

    private bool Due() => _needsFull || _forced || _time.GetUtcNow() - _lastFull >= _options.FullReconcileInterval;

    private async Task<bool> SyncAsync(ConfigPayload desired, CancellationToken ct)
    {
        if (_endpoints().OrderBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault() is not { } endpoint)
        {
            return true; // no gateway yet: discovery wakes us
        }

        await _syncing.WaitAsync(ct).ConfigureAwait(false);
        DbSyncReport report;
        var full = Due();
        try
        {
            if (!_mayWrite())
            {
                return true;
            }

            if (!_clients.TryGetValue(endpoint.Id, out var http))
            {
                _clients[endpoint.Id] = http = _http(endpoint);
            }

            if (full)
            {
                _forced = false;
            }

            report = await _reconciler.SyncAsync(desired, full, new KongEntityClient(http, _mayWrite), endpoint.Id, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _needsFull = true; // leadership lost mid-sync (or a timeout): nothing more was written
            return true;
        }
        catch (HttpRequestException error)
        {
            _needsFull = true;
            report = new DbSyncReport(_time.GetUtcNow(), TimeSpan.Zero, desired.Sha, full, endpoint.Id, 0, [], error.Message);
        }
        finally
        {
            _syncing.Release();
        }

        if (report.Success)
        {
            _appliedSha = desired.Sha;
            if (full)
            {
                _needsFull = false;
                _lastFull = _time.GetUtcNow();
            }
        }
        else
        {
            _needsFull = true;
        }

        Record(endpoint, desired, report);
        return report.Success;
    }

    private void Record(GatewayEndpoint endpoint, ConfigPayload desired, DbSyncReport report)
    {
        if (report.Changes.Length > 0 || report.Error is not null || _reports.Current.Reports.IsEmpty)
        {
            _reports.Publish(new DbSyncHistory(_reports.Current.Reports.Insert(0, report).Take(ReportsKept).ToImmutableArray()));
        }

        var failures = report.Changes.Where(c => c.Error is not null).ToList();
        if (report.DriftCorrected > 0)
        {
            _logger.LogWarning("DB sync corrected {Count} entities changed in Kong by hand", report.DriftCorrected);
        }

        var rejections = failures.Select(f => new KongRejection(f.EntityKind, f.EntityName, f.Error!, f.Source)).ToImmutableArray();
        var summary = report.Error ?? (failures.Count > 0
            ? $"{failures.Count} entity write(s) failed"
            : $"{(report.Full ? "full" : "incremental")}: {Count(report, DbChangeKind.Created)} created, {Count(report, DbChangeKind.Updated)} updated, {Count(report, DbChangeKind.Deleted)} deleted, {report.DriftCorrected} drift corrected");
        var record = new PushRecord(report.At, report.Duration, desired.Sha, desired.Kind, report.Success,
            report.Success ? 200 : failures.Count > 0 ? 400 : null, summary, rejections, 0);
        _logger.Log(report.Success ? LogLevel.Debug : LogLevel.Warning, "DB sync of {Sha} through {Gateway}: {Summary}", desired.ShortSha, endpoint.Id, summary);
        _onApplied(endpoint, desired, record);
    }

    private static int Count(DbSyncReport report, DbChangeKind kind) => report.Changes.Count(c => c.Change == kind);

    private async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        var untilFull = _lastFull + _options.FullReconcileInterval - _time.GetUtcNow();
        if (untilFull > TimeSpan.Zero && untilFull < delay)
        {
            delay = untilFull;
        }

        using var timeout = new CancellationTokenSource(delay, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
