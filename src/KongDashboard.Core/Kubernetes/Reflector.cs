using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Kubernetes;

public sealed record ReflectorOptions
{
    /// <summary>Server-side watch timeout; a random value in this range spreads re-watches like client-go.</summary>
    public int MinWatchTimeoutSeconds { get; init; } = 300;
    public int MaxWatchTimeoutSeconds { get; init; } = 600;
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many failed watches in a row, list again rather than trust the old resourceVersion.</summary>
    public int RelistAfterFailures { get; init; } = 3;
}

/// <summary>
/// List-then-watch of one kind into the <see cref="ClusterStore"/>, with client-go's semantics: resume from the last
/// seen resourceVersion (bookmarks included), relist on 410 Gone, capped exponential back-off with jitter on errors.
/// </summary>
public sealed class Reflector<T>(
    WatchedKind<T> kind,
    IKubernetes client,
    ClusterStore store,
    ReflectorOptions options,
    ILogger logger,
    Action onStatusChanged) : IReflector
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Backoff _backoff = new(options.InitialBackoff, options.MaxBackoff);
    private volatile ReflectorStatus _status = new(kind.Kind, false, 0, null, null, 0, null);

    public WatchedKind Kind => kind;

    public ReflectorStatus Status => _status with { Count = kind.CountIn(store.Current) };

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(cancellationToken).ConfigureAwait(false);
                var outcome = await WatchAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                resourceVersion = outcome.ResourceVersion;
                if (outcome.Expired)
                {
                    logger.LogInformation("{Kind} watch expired at resourceVersion {ResourceVersion}; relisting", kind.Kind, resourceVersion);
                    resourceVersion = null;
                }
                else if (outcome.Error is not null)
                {
                    throw outcome.Error;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (IsQuietStreamEnd(error))
            {
                // A watch that timed out before any event: the client throws instead of ending; just watch again.
            }
            catch (Exception error)
            {
                var delay = _backoff.Next();
                if (_backoff.Failures >= options.RelistAfterFailures)
                {
                    resourceVersion = null;
                }

                Report(s => s with { LastError = Describe(error) });
                logger.LogWarning("{Kind} list/watch failed ({Error}); retrying in {Delay:0.0} s", kind.Kind, Describe(error), delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<string?> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await kind.Call(client, new ListRequest(false, null, null), cancellationToken).ConfigureAwait(false);
        var (items, resourceVersion) = kind.ReadList(response.Body);
        store.Replace(kind, items);
        _backoff.Reset();
        Report(s => s with { Synced = true, ResourceVersion = resourceVersion, Relists = s.Relists + 1, LastError = null, LastEventAt = DateTimeOffset.UtcNow });
        logger.LogDebug("{Kind}: listed {Count} at resourceVersion {ResourceVersion}", kind.Kind, items.Count, resourceVersion);
        return resourceVersion;
    }

    private async Task<WatchOutcome> WatchAsync(string? resourceVersion, CancellationToken cancellationToken)
    {
        Exception? streamError = null;
        var timeout = Random.Shared.Next(options.MinWatchTimeoutSeconds, options.MaxWatchTimeoutSeconds + 1);
        var request = kind.Call(client, new ListRequest(true, resourceVersion, timeout), cancellationToken);
#pragma warning disable CS0618 // The response-task adapter is the only watch entry point shared by typed and custom kinds.
        var events = request.WatchAsync<T, object>(error => streamError ??= error, cancellationToken);
#pragma warning restore CS0618
        await foreach (var (type, item) in events.ConfigureAwait(false))
        {
            resourceVersion = item.Metadata?.ResourceVersion ?? resourceVersion;
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    store.Upsert(kind, item);
                    break;
                case WatchEventType.Deleted:
                    store.Delete(kind, ObjectKey.Of(item.Metadata!));
                    break;
            }

            _backoff.Reset();
            Report(s => s with { ResourceVersion = resourceVersion, LastEventAt = DateTimeOffset.UtcNow, LastError = null });
        }

        return streamError switch
        {
            KubernetesException { Status.Code: 410 } => new WatchOutcome(resourceVersion, true, null),
            KubernetesException other => new WatchOutcome(resourceVersion, false, other),
            _ => new WatchOutcome(resourceVersion, false, null), // bad lines are skipped by the client; the stream goes on
        };
    }

    private void Report(Func<ReflectorStatus, ReflectorStatus> change)
    {
        _status = change(_status);
        onStatusChanged();
    }

    private static bool IsQuietStreamEnd(Exception error) =>
        error is HttpRequestException { InnerException: EndOfStreamException } or EndOfStreamException;

    private static string Describe(Exception error) => error switch
    {
        k8s.Autorest.HttpOperationException http => $"HTTP {(int)http.Response.StatusCode} {http.Response.ReasonPhrase}",
        KubernetesException k => $"{k.Status?.Code} {k.Status?.Reason}: {k.Status?.Message}",
        _ => error.Message,
    };

    private sealed record WatchOutcome(string? ResourceVersion, bool Expired, Exception? Error);
}

/// <summary>A running list+watch loop of one kind.</summary>
public interface IReflector
{
    WatchedKind Kind { get; }

    ReflectorStatus Status { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
