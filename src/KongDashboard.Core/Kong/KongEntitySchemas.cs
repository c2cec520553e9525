using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace KongDashboard.Core.Kong;

/// <summary>
/// Kong entity schemas as a gateway's Admin API serves them (<c>GET /schemas/&lt;type&gt;</c>, kong/api/routes/kong.lua),
/// by entity type, or why one could not be fetched. KIC asks Kong for them while translating KongCustomEntity objects;
/// here they are an input handed over with the snapshot (the sync side fetches and caches them), so translation stays a
/// pure function. Immutable: a change is a new instance, which makes the snapshot's inputs differ.
/// </summary>
public sealed record KongEntitySchemas
{
    /// <summary>No gateway was asked (e.g. <c>translate</c> offline).</summary>
    public static readonly KongEntitySchemas None = new();

    public ImmutableDictionary<string, JsonObject> Schemas { get; init; } = ImmutableDictionary<string, JsonObject>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Types a gateway was asked for and refused, with the error (e.g. Kong's 404 for an unknown type).</summary>
    public ImmutableDictionary<string, string> Errors { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The error text KIC would print after "failed to fetch entity schema for entity type &lt;type&gt;: ".</summary>
    public const string NotFetched = "no Kong gateway has been asked for this schema (no Admin API connection)";

    public KongEntitySchemas With(string type, JsonObject schema) =>
        this with { Schemas = Schemas.SetItem(type, schema), Errors = Errors.Remove(type) };

    public KongEntitySchemas WithError(string type, string error) =>
        this with { Errors = Errors.SetItem(type, error), Schemas = Schemas.Remove(type) };

    public bool TryGet(string type, out JsonObject? schema, out string error)
    {
        if (Schemas.TryGetValue(type, out schema))
        {
            error = "";
            return true;
        }
        error = Errors.TryGetValue(type, out var e) ? e : NotFetched;
        return false;
    }
}
