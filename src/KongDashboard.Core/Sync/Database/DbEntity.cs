using System.Text.Json;
using System.Text.Json.Nodes;

namespace KongDashboard.Core.Sync.Database;

/// <summary>One entity of a DB-mode state: its type, id and JSON as written to (or read from) Kong.</summary>
public sealed record DbEntity(DbEntityType Type, string Id, JsonObject Json)
{
    public (string Kind, string Id) Key => (Type.Kind, Id);

    public string Name => Type.DisplayName(Json);

    public IReadOnlyList<string> Tags =>
        (Json["tags"] as JsonArray)?.Select(t => t?.GetValue<string>()).OfType<string>().ToList() ?? [];

    /// <summary>The JSON without timestamps, object keys sorted and tags sorted: equal texts mean equal entities (GDR ignores created_at/updated_at and tag order, pkg/types/*.go).</summary>
    public string Canonical => _canonical ??= CanonicalText(Json);

    private string? _canonical;

    public static string CanonicalText(JsonObject json)
    {
        var copy = (JsonObject)json.DeepClone();
        copy.Remove("created_at");
        copy.Remove("updated_at");
        if (copy["tags"] is JsonArray tags)
        {
            copy["tags"] = new JsonArray(tags.Select(t => t?.GetValue<string>()).Order(StringComparer.Ordinal).Select(t => (JsonNode?)t).ToArray());
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteSorted(writer, copy);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Does the entity in Kong hold every field we want? Fields we do not set are Kong's defaults, which we do not know
    /// here (GDR reads them from /schemas); references compare by id only.
    /// </summary>
    public bool IsSatisfiedBy(JsonObject current)
    {
        foreach (var (field, wanted) in Json)
        {
            if (field is "created_at" or "updated_at")
            {
                continue;
            }

            var have = current[field];
            if (field == "tags")
            {
                if (CanonicalTags(wanted) != CanonicalTags(have))
                {
                    return false;
                }

                continue;
            }

            if (!JsonNode.DeepEquals(Normalize(wanted), Normalize(have)))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonNode? Normalize(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Null ? null : node is null ? null : JsonNode.Parse(node.ToJsonString());

    private static string CanonicalTags(JsonNode? tags) =>
        string.Join(",", ((tags as JsonArray)?.Select(t => t?.GetValue<string>()) ?? []).Order(StringComparer.Ordinal));

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (k, v) in o.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(k);
                    WriteSorted(writer, v);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
