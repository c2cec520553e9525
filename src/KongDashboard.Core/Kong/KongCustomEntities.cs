using System.Text.Json.Nodes;

namespace KongDashboard.Core.Kong;

/// <summary>
/// Entities of one plugin-defined type from KongCustomEntity objects: a top-level section of the DB-less
/// configuration named after the type, each entity exactly its fields (no tags, no id added, as KIC sends them).
/// </summary>
public sealed record KongCustomEntities(string Type, IReadOnlyList<JsonObject> Entities);
