using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;

namespace KongDashboard.Core.Kong;

/// <summary>
/// The sync side's cache of Kong entity schemas for KongCustomEntity types: asks a gateway's Admin API
/// (<c>GET /schemas/&lt;type&gt;</c>) once per type, like KIC's per-translation schema fetch but kept across
/// translations, and hands the result to the translator with the snapshot. A type Kong answered with an error is asked
/// again after <see cref="RetryAfter"/> (a plugin may be enabled later); the instance only changes when an answer does,
/// so an unchanged cluster is not translated again.
/// </summary>
public sealed class KongEntitySchemaCache(TimeProvider? time = null)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, DateTimeOffset> _failedAt = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public KongEntitySchemas Current { get; private set; } = KongEntitySchemas.None;

    /// <summary>The KongCustomEntity types in the snapshot (any class: the translator filters).</summary>
    public static IEnumerable<string> TypesIn(ClusterSnapshot snapshot) =>
        snapshot.Get(WatchedKinds.KongCustomEntities).Select(e => e.Spec?.Type).OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="snapshot"/> with the schemas of its KongCustomEntity types, fetching the missing ones through a
    /// client <paramref name="admin"/> makes only then (null: no gateway to ask yet).
    /// </summary>
    public async Task<ClusterSnapshot> AttachAsync(ClusterSnapshot snapshot, Func<HttpClient?> admin, CancellationToken cancellationToken)
    {
        var types = TypesIn(snapshot).ToList();
        if (types.Any(Wanted) && admin() is { } client)
        {
            using (client)
            {
                await FetchAsync(types, client, cancellationToken).ConfigureAwait(false);
            }
        }
        return ReferenceEquals(snapshot.EntitySchemas, Current) ? snapshot : snapshot with { EntitySchemas = Current };
    }

    private bool Wanted(string type) =>
        !Current.Schemas.ContainsKey(type) && !(_failedAt.TryGetValue(type, out var failed) && _time.GetUtcNow() - failed < RetryAfter);

    public async Task<KongEntitySchemas> FetchAsync(IEnumerable<string> types, HttpClient admin, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var schemas = Current;
            foreach (var type in types)
            {
                if (!Wanted(type))
                {
                    continue;
                }
                var (schema, error) = await GetAsync(admin, type, cancellationToken).ConfigureAwait(false);
                if (schema is not null)
                {
                    _failedAt.Remove(type);
                    schemas = schemas.With(type, schema);
                }
                else
                {
                    _failedAt[type] = _time.GetUtcNow();
                    schemas = schemas.Errors.TryGetValue(type, out var old) && old == error ? schemas : schemas.WithError(type, error!);
                }
            }
            Current = schemas;
            return schemas;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Errors read like go-kong's: HTTP status <code> (message: "<Kong's message>").
    private static async Task<(JsonObject? Schema, string? Error)> GetAsync(HttpClient admin, string type, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await admin.GetAsync("schemas/" + Uri.EscapeDataString(type), cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonNode? json = null;
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
            }
            if (response.StatusCode == HttpStatusCode.OK && json is JsonObject schema)
            {
                return (schema, null);
            }
            var message = json?["message"]?.ToString() ?? body;
            return (null, $"HTTP status {(int)response.StatusCode} (message: \"{message}\")");
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
    }
}
