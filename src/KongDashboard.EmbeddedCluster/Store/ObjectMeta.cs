using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>Accessors for the metadata block of a generic JSON object.</summary>
public static class ObjectMeta
{
    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m)
        {
            return m;
        }

        m = new JsonObject();
        obj["metadata"] = m;
        return m;
    }

    public static string? Name(this JsonObject obj) => (obj["metadata"] as JsonObject)?["name"]?.ToString();

    public static string? Namespace(this JsonObject obj) => (obj["metadata"] as JsonObject)?["namespace"]?.ToString();

    public static string? ResourceVersion(this JsonObject obj) => (obj["metadata"] as JsonObject)?["resourceVersion"]?.ToString();

    public static string? Uid(this JsonObject obj) => (obj["metadata"] as JsonObject)?["uid"]?.ToString();

    public static JsonObject? Labels(this JsonObject obj) => (obj["metadata"] as JsonObject)?["labels"] as JsonObject;

    public static JsonObject? Annotations(this JsonObject obj) => (obj["metadata"] as JsonObject)?["annotations"] as JsonObject;

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static DateTimeOffset? CreationTimestamp(this JsonObject obj) =>
        DateTimeOffset.TryParse((obj["metadata"] as JsonObject)?["creationTimestamp"]?.ToString(), out var t) ? t : null;
}
