using System.Net;
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
/// so an idle cluster causes no writes).
/// </summary>
public sealed class LeaderPushWriter(IKubernetes client, string @namespace, string identity, Func<bool> isLeader, ILogger logger)
{
    private const int ConflictRetries = 5;
    private string? _written;
    private int _writes;

    /// <summary>How many times this replica wrote the ConfigMap.</summary>
    public int Writes => Volatile.Read(ref _writes);

    public async Task RunAsync(IStateFeed<SyncState> feed, CancellationToken cancellationToken)
    {
        await foreach (var state in feed.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!state.Enabled || !isLeader())
            {
                continue;
            }

            var json = LeaderPushes.From(identity, state).ToJson();
            if (json == _written)
            {
                continue;
            }

            try
            {
                await WriteAsync(json, cancellationToken).ConfigureAwait(false);
                _written = json;
                Interlocked.Increment(ref _writes);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The next change writes again; followers meanwhile show the previous outcomes.
                logger.LogWarning("Could not write ConfigMap {Namespace}/{Name}: {Error}", @namespace, LeaderPushes.ConfigMapName, error.Message);
            }
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
