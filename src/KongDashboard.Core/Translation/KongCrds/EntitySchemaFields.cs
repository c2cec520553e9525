using System.Text.Json.Nodes;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>
/// The top-level fields of a Kong entity schema as <c>GET /schemas/&lt;type&gt;</c> serves them
/// (<c>{"fields": [{"name": {"type": …, "required": …, "auto": …, "default": …, "reference": …}}, …]}</c>), read like
/// KIC's kongstate/customentity.go: ExtractEntityFieldDefinitions.
/// </summary>
internal sealed record EntitySchemaFields(IReadOnlyDictionary<string, EntitySchemaField> Fields)
{
    public static EntitySchemaFields Of(JsonObject schema)
    {
        var fields = new Dictionary<string, EntitySchemaField>(StringComparer.Ordinal);
        foreach (var item in schema["fields"] as JsonArray ?? [])
        {
            if (item is not JsonObject definition)
            {
                continue;
            }
            foreach (var (name, attributes) in definition)
            {
                if (attributes is JsonObject a)
                {
                    fields[name] = new EntitySchemaField(
                        name, Text(a, "type") ?? "", Flag(a, "required"), Flag(a, "auto"), a.ContainsKey("default"), Text(a, "reference"),
                        a["len_min"] is JsonValue min && min.TryGetValue<int>(out var m) ? m : null);
                }
            }
        }
        return new EntitySchemaFields(fields);
    }

    /// <summary>Fields of type <c>foreign</c> referring to <paramref name="entityType"/>, in schema order.</summary>
    public IEnumerable<string> ForeignFieldsTo(string entityType) =>
        Fields.Values.Where(f => f.Type == "foreign" && f.Reference == entityType).Select(f => f.Name);

    private static string? Text(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Flag(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}

internal sealed record EntitySchemaField(string Name, string Type, bool Required, bool Auto, bool HasDefault, string? Reference, int? LenMin);
