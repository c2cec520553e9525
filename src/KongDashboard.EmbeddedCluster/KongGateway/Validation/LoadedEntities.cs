using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>The flat entity tables of a loaded configuration, in input order, and when it was loaded.</summary>
internal sealed class LoadedEntities(IReadOnlyDictionary<string, IReadOnlyList<LoadedRow>> tables, long loadedAt)
{
    private readonly ConcurrentDictionary<string, Dictionary<string, int>> _lookups = new();

    public static readonly LoadedEntities Empty = new(new Dictionary<string, IReadOnlyList<LoadedRow>>(), 0);

    public IReadOnlyDictionary<string, IReadOnlyList<LoadedRow>> Tables { get; } = tables;

    /// <summary>Unix seconds of the load: the created_at/updated_at Kong gave the entities that did not set them.</summary>
    public long LoadedAt { get; } = loadedAt;

    public IReadOnlyList<LoadedRow> Of(string plural) => Tables.TryGetValue(plural, out var t) ? t : [];

    public JsonObject Present(LoadedRow row) => row.Present(LoadedAt);

    /// <summary>The first row whose id or endpoint key is <paramref name="idOrKey"/> (an index built on first use).</summary>
    public LoadedRow? Find(EntityKind kind, string idOrKey)
    {
        var rows = Of(kind.Plural);
        var lookup = _lookups.GetOrAdd(kind.Plural, _ => Index(kind, rows));
        return lookup.TryGetValue(idOrKey, out var i) ? rows[i] : null;
    }

    /// <summary>Ids and endpoint keys in row order: the first row holding a value (as either) keeps it.</summary>
    private static Dictionary<string, int> Index(EntityKind kind, IReadOnlyList<LoadedRow> rows)
    {
        var index = new Dictionary<string, int>(rows.Count * 2, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            index.TryAdd(rows[i].Id, i);
            if (kind.EndpointKey is { } key && FieldChecks.AsString(rows[i].Entity[key]) is { } value)
            {
                index.TryAdd(value, i);
            }
        }
        return index;
    }
}
