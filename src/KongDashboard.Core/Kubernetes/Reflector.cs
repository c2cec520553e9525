using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.Json;
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

    /// <summary>Items per list page, as client-go's pager asks (its default is 500).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>How often an optional kind that is not served (or not allowed) is asked for again.</summary>
    public TimeSpan UnavailableRecheck { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <c>Retry-After</c> honoured; a server asking for more is asked again after this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>
/// List-then-watch of one kind into the <see cref="ClusterStore"/>, with client-go's semantics: the list in pages
/// (<c>limit</c>/<c>continue</c>, a full relist when a continue token expires), resume from the last seen
/// resourceVersion (bookmarks included), relist on 410 Gone, honour <c>Retry-After</c>, capped exponential back-off
/// with jitter on errors. Objects are decoded one by one: one the client cannot read is reported and skipped.
/// An optional kind that is not served (404) or not allowed (403) is empty and synced, with the reason shown.
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
    // Deep enough for any object Kubernetes stores: decoding (KubernetesJson, 64 levels) is what may refuse one.
    private static readonly JsonDocumentOptions RawJson = new() { MaxDepth = 10_000 };

    private readonly Backoff _backoff = new(options.InitialBackoff, options.MaxBackoff);
    private readonly string _path = KubeApiPaths.Collection(kind);
    private ImmutableDictionary<ObjectKey, ObjectDecodeError> _undecodable = ImmutableDictionary<ObjectKey, ObjectDecodeError>.Empty;
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
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubeApiException absent) when (kind.Optional && absent.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                resourceVersion = null;
                var reason = absent.StatusCode == HttpStatusCode.NotFound
                    ? $"not served by the API server (is the {kind.Kind} CRD installed?)"
                    : $"forbidden: {absent.Message}";
                if (_status.Unavailable != reason)
                {
                    logger.LogWarning("{Kind} is optional and {Reason}; translating without it", kind.Kind, reason);
                }

                store.Replace(kind, []);
                Report(s => s with { Synced = true, Unavailable = reason, LastError = null });
                await PauseAsync(options.UnavailableRecheck, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = _backoff.Next();
                if (_backoff.Failures >= options.RelistAfterFailures)
                {
                    resourceVersion = null;
                }

                Report(s => s with { LastError = Describe(error) });
                logger.LogWarning("{Kind} list/watch failed ({Error}); retrying in {Delay:0.0} s", kind.Kind, Describe(error), delay.TotalSeconds);
                await PauseAsync(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A paged list, like client-go's pager: on an expired continue token, one full list from the start.</summary>
    private async Task<string?> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var undecodable = ImmutableDictionary.CreateBuilder<ObjectKey, ObjectDecodeError>();
        string? resourceVersion = null;
        string? next = null;
        var paged = true;
        do
        {
            var query = paged ? $"?limit={options.PageSize}" : "";
            if (next is not null)
            {
                query += $"&continue={Uri.EscapeDataString(next)}";
            }

            using var response = await SendAsync(_path + query, stream: false, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Gone && next is not null)
            {
                logger.LogInformation("{Kind}: list continue token expired; listing again in one request", kind.Kind);
                (items, next, paged) = ([], null, false);
                undecodable.Clear();
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await KubeApiPaths.ErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var page = await JsonDocument.ParseAsync(body, RawJson, cancellationToken).ConfigureAwait(false);
            var meta = page.RootElement.TryGetProperty("metadata", out var m) ? m : default;
            resourceVersion = StringOf(meta, "resourceVersion");
            next = StringOf(meta, "continue") is { Length: > 0 } token ? token : null;
            if (page.RootElement.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var raw in list.EnumerateArray())
                {
                    if (Decode(raw) is { } item)
                    {
                        items.Add(item);
                    }
                    else
                    {
                        var error = DecodeError(raw);
                        undecodable[error.Key] = error.Error;
                    }
                }
            }
        }
        while (next is not null);

        // Keep the last readable version of an object that became unreadable, so its routes do not vanish.
        var previous = kind.Get(store.Current);
        foreach (var key in undecodable.Keys)
        {
            if (previous.Get(key.Namespace, key.Name) is { } lastGood)
            {
                items.Add(lastGood);
            }
        }

        store.Replace(kind, items);
        _undecodable = undecodable.ToImmutable();
        _backoff.Reset();
        Report(s => s with
        {
            Synced = true,
            Unavailable = null,
            ResourceVersion = resourceVersion,
            Relists = s.Relists + 1,
            LastError = null,
            LastEventAt = options.Time.GetUtcNow(),
            DecodeErrors = [.. _undecodable.Values],
        });
        logger.LogDebug("{Kind}: listed {Count} at resourceVersion {ResourceVersion}", kind.Kind, items.Count, resourceVersion);
        return resourceVersion;
    }

    private async Task<WatchOutcome> WatchAsync(string? resourceVersion, CancellationToken cancellationToken)
    {
        var timeout = Random.Shared.Next(options.MinWatchTimeoutSeconds, options.MaxWatchTimeoutSeconds + 1);
        var query = $"?watch=true&allowWatchBookmarks=true&timeoutSeconds={timeout.ToString(CultureInfo.InvariantCulture)}";
        if (resourceVersion is not null)
        {
            query += $"&resourceVersion={Uri.EscapeDataString(resourceVersion)}";
        }

        using var response = await SendAsync(_path + query, stream: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            return new WatchOutcome(resourceVersion, true);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await KubeApiPaths.ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line, RawJson);
            var type = StringOf(doc.RootElement, "type");
            if (!doc.RootElement.TryGetProperty("object", out var raw))
            {
                continue;
            }

            if (type == "ERROR")
            {
                var code = raw.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                if (code == (int)HttpStatusCode.Gone)
                {
                    return new WatchOutcome(resourceVersion, true);
                }

                throw new KubeApiException((HttpStatusCode)code, $"watch error {code}: {StringOf(raw, "message")}");
            }

            resourceVersion = (raw.TryGetProperty("metadata", out var meta) ? StringOf(meta, "resourceVersion") : null) ?? resourceVersion;
            switch (type)
            {
                case "ADDED" or "MODIFIED":
                    Apply(raw);
                    break;
                case "DELETED":
                    var key = KeyOf(raw);
                    store.Delete(kind, key);
                    Forget(key);
                    break;
            }

            _backoff.Reset();
            Report(s => s with { ResourceVersion = resourceVersion, LastEventAt = options.Time.GetUtcNow(), LastError = null });
        }

        return new WatchOutcome(resourceVersion, false);
    }

    private void Apply(JsonElement raw)
    {
        if (Decode(raw) is { } item)
        {
            store.Upsert(kind, item);
            Forget(ObjectKey.Of(item.Metadata));
            return;
        }

        // Not readable: report it, keep its last readable version.
        var (key, error) = DecodeError(raw);
        _undecodable = _undecodable.SetItem(key, error);
        Report(s => s with { DecodeErrors = [.. _undecodable.Values] });
        logger.LogWarning("{Error}", error.ToString());
    }

    private void Forget(ObjectKey key)
    {
        if (_undecodable.ContainsKey(key))
        {
            _undecodable = _undecodable.Remove(key);
            Report(s => s with { DecodeErrors = [.. _undecodable.Values] });
        }
    }

    private T? Decode(JsonElement raw) => TryDecode(raw, out var item, out _) ? item : null;

    private static bool TryDecode(JsonElement raw, out T? item, out string failure)
    {
        failure = "";
        try
        {
            item = KubernetesJson.Deserialize<T>(raw.GetRawText());
            if (item?.Metadata?.Name is null)
            {
                failure = "it has no metadata.name";
                item = null;
            }
        }
        catch (Exception error) when (error is JsonException or FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            failure = error.Message;
            item = null;
        }

        return item is not null;
    }

    private (ObjectKey Key, ObjectDecodeError Error) DecodeError(JsonElement raw)
    {
        var key = KeyOf(raw);
        TryDecode(raw, out _, out var failure);
        return (key, new ObjectDecodeError(kind.Kind, key.Namespace, key.Name, $"cannot be decoded, left out: {failure}"));
    }

    private static ObjectKey KeyOf(JsonElement raw)
    {
        var meta = raw.TryGetProperty("metadata", out var m) ? m : default;
        return new ObjectKey(StringOf(meta, "namespace") ?? "", StringOf(meta, "name") ?? "");
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>One request, repeated after the server's <c>Retry-After</c> while it answers 429 (or 503 with one).</summary>
    private async Task<HttpResponseMessage> SendAsync(string pathAndQuery, bool stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await KubeApiPaths.SendAsync(client, pathAndQuery, stream, cancellationToken).ConfigureAwait(false);
            if (KubeApiPaths.RetryAfter(response, options.Time) is not { } wait || response.Headers.RetryAfter is null)
            {
                return response;
            }

            response.Dispose();
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.MaxRetryAfter ? options.MaxRetryAfter : wait;
            Report(s => s with { LastError = $"throttled by the API server; retrying after {wait.TotalSeconds:0.#} s (Retry-After)" });
            logger.LogInformation("{Kind}: API server asked to retry after {Seconds:0.#} s", kind.Kind, wait.TotalSeconds);
            await Task.Delay(wait, options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits, or returns early when stopping (the loop then ends).</summary>
    private async Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, options.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Report(Func<ReflectorStatus, ReflectorStatus> change)
    {
        _status = change(_status);
        onStatusChanged();
    }

    private static string Describe(Exception error) => error switch
    {
        KubeApiException api => api.Message,
        HttpRequestException http => $"cannot reach the API server: {http.Message}",
        _ => error.Message,
    };

    private sealed record WatchOutcome(string? ResourceVersion, bool Expired);
}

/// <summary>A running list+watch loop of one kind.</summary>
public interface IReflector
{
    WatchedKind Kind { get; }

    ReflectorStatus Status { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
