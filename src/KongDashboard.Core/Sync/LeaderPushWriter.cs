using System.Net;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Sync;

/// <summary>
/// The Lease holder's half of "every replica tells the same truth": writes its push outcomes to ConfigMap
/// <see cref="LeaderPushes.ConfigMapName"/> in the controller namespace, only while it leads and only when what it would
/// write differs from what it wrote last (sync state is published on change only, and /status counters are not in it,
/// so an idle cluster causes no writes). A failed write is retried with a capped back-off (through the replica's
/// <see cref="TimeProvider"/>), not only at the next change: followers would otherwise show stale outcomes while idle.
/// </summary>
public sealed class LeaderPushWriter(IKubernetes client, string @namespace, string identity, Func<bool> isLeader, ILogger logger, TimeProvider? time = null)
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private const int ConflictRetries = 5;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private string? _wanted;
    private string? _written;
    private int _writes;
    private int _failures;
    private long _retryInTicks = -1;

    /// <summary>How many times this replica wrote the ConfigMap.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>How many writes failed (each one is retried).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>The back-off being waited before the next attempt after a failure; null when no retry is waiting.</summary>
    public TimeSpan? RetryIn => Interlocked.Read(ref _retryInTicks) is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : null;

    /// <summary>The back-off after <paramref name="failures"/> consecutive failures: 1 s, 2 s, 4 s, … at most 30 s.</summary>
    public static TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks << Math.Min(failures - 1, 16)));

    public async Task RunAsync(IStateFeed<SyncState> feed, CancellationToken cancellationToken)
    {
        var writer = WriteLoopAsync(cancellationToken);
        try
        {
            await foreach (var state in feed.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!state.Enabled || !isLeader())
                {
                    continue;
                }

                Volatile.Write(ref _wanted, LeaderPushes.From(identity, state).ToJson());
                _wake.Writer.TryWrite(true);
            }
        }
        finally
        {
            _wake.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }
    }

    /// <summary>One writer: the latest wanted content, written when it differs from the last written; retried after a failure.</summary>
    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        try
        {
            while (true)
            {
                if (failures == 0)
                {
                    if (!await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                else
                {
                    var backoff = Backoff(failures);
                    var delay = Task.Delay(backoff, _time, cancellationToken);
                    Interlocked.Exchange(ref _retryInTicks, backoff.Ticks);
                    await delay.ConfigureAwait(false);
                    Interlocked.Exchange(ref _retryInTicks, -1);
                }

                _wake.Reader.TryRead(out _);
                var json = Volatile.Read(ref _wanted);
                if (json is null || json == _written || !isLeader())
                {
                    failures = 0;
                    continue;
                }

                try
                {
                    await WriteAsync(json, cancellationToken).ConfigureAwait(false);
                    _written = json;
                    failures = 0;
                    Interlocked.Increment(ref _writes);
                }
                catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    Interlocked.Increment(ref _failures);
                    logger.LogWarning("Could not write ConfigMap {Namespace}/{Name} (retry in {Backoff}): {Error}",
                        @namespace, LeaderPushes.ConfigMapName, Backoff(failures), error.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task WriteAsync(string json, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var map = await ReadAsync(cancellationToken).ConfigureAwait(false);
                if (map is null)
                {
                    await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
                    {
                        Metadata = new V1ObjectMeta
                        {
                            Name = LeaderPushes.ConfigMapName,
                            NamespaceProperty = @namespace,
                            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "kong-dashboard" },
                        },
                        Data = new Dictionary<string, string> { [LeaderPushes.DataKey] = json },
                    }, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    map.Data = new Dictionary<string, string> { [LeaderPushes.DataKey] = json };
                    await client.CoreV1.ReplaceNamespacedConfigMapAsync(map, LeaderPushes.ConfigMapName, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < ConflictRetries)
            {
                // A previous leader wrote in between (or created it first): read again and overwrite.
            }
        }
    }

    private async Task<V1ConfigMap?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(LeaderPushes.ConfigMapName, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
