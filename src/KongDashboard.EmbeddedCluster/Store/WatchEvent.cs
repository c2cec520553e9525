using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>One watch event; <see cref="Type"/> is the wire form (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR).</summary>
public sealed record WatchEvent(string Type, JsonObject Object)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";

    public JsonObject ToWire() => new() { ["type"] = Type, ["object"] = Object.DeepClone() };
}

/// <summary>A committed write, kept in the history so watches can resume from a resourceVersion.</summary>
internal sealed record StoredChange(long ResourceVersion, ResourceKind Kind, string Type, JsonObject Object, JsonObject? Previous);
