using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// The 400 body of POST /config (kong/db/errors.lua declarative_config / declarative_config_flattened):
/// code 14, name "invalid declarative configuration", message "declarative config is invalid: &lt;pl.pretty of fields&gt;",
/// fields = the errors not attributed to an entity, flattened_errors = one entry per entity.
/// </summary>
internal static class DeclarativeErrorBody
{
    public const int Code = 14; // ERRORS.DECLARATIVE_CONFIG

    public static JsonObject Build(IReadOnlyList<EntityErrors> entityErrors, JsonObject topLevel, bool flatten)
    {
        var fields = (JsonObject)topLevel.DeepClone();
        if (!flatten)
        {
            // without flatten_errors Kong returns the nested error table as-is
            foreach (var e in entityErrors)
            {
                Place(fields, e);
            }
        }
        var body = new JsonObject
        {
            ["code"] = Code,
            ["name"] = "invalid declarative configuration",
            ["message"] = "declarative config is invalid: " + LuaPretty(fields),
            ["fields"] = fields,
        };
        if (flatten)
        {
            body["flattened_errors"] = new JsonArray(Order(entityErrors).Select(Flattened).ToArray<JsonNode?>());
        }
        return body;
    }

    /// <summary>errors.lua drain(): sections in key order, then input order (children were already hoisted before parents).</summary>
    private static IEnumerable<EntityErrors> Order(IReadOnlyList<EntityErrors> errors) =>
        errors.Select((e, i) => (e, i)).OrderBy(x => x.e.Path[0].Section, StringComparer.Ordinal).ThenBy(x => x.e.Path[0].Index).ThenBy(x => x.i).Select(x => x.e);

    private static JsonObject Flattened(EntityErrors e)
    {
        var o = new JsonObject();
        // errors.lua validate_name / validate_id / validate_tags: only well-formed values are echoed
        if (FieldChecks.AsString(e.Entity["name"]) is { Length: > 0 } name)
        {
            o["entity_name"] = name;
        }
        if (FieldChecks.AsString(e.Entity["id"]) is { } id && FieldChecks.IsUuid(id))
        {
            o["entity_id"] = id;
        }
        if (e.Entity["tags"] is JsonArray tags && tags.All(t => FieldChecks.AsString(t) is not null))
        {
            o["entity_tags"] = tags.DeepClone();
        }
        o["entity_type"] = e.Kind.Singular;
        o["entity"] = e.Entity.DeepClone();
        o["errors"] = new JsonArray(e.Flattened().ToArray<JsonNode?>());
        return o;
    }

    private static void Place(JsonObject fields, EntityErrors e)
    {
        var node = fields;
        foreach (var (section, index) in e.Path)
        {
            node = Child(Child(node, section), index.ToString(CultureInfo.InvariantCulture));
        }
        if (e.EntityMessages.Any())
        {
            node["@entity"] = new JsonArray(e.EntityMessages.Select(m => (JsonNode?)m).ToArray());
        }
        foreach (var (field, message) in e.FieldErrors)
        {
            var parts = field.Split('.');
            var target = node;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                target = Child(target, parts[i]);
            }
            target[parts[^1]] = message;
        }
    }

    private static JsonObject Child(JsonObject o, string key)
    {
        if (o[key] is JsonObject existing)
        {
            return existing;
        }
        var created = new JsonObject();
        o[key] = created;
        return created;
    }

    /// <summary>Approximation of Penlight's pretty.write(t, ""): {key="value",list={"a","b"}}.</summary>
    internal static string LuaPretty(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();

        static void Write(JsonNode? n, StringBuilder sb)
        {
            switch (n)
            {
                case JsonObject o:
                    sb.Append('{');
                    var keys = o.Select(kv => kv.Key).ToList();
                    var isList = keys.Count > 0 && keys.Select((k, i) => k == (i + 1).ToString(CultureInfo.InvariantCulture)).All(b => b);
                    var first = true;
                    foreach (var k in keys.OrderBy(k => k, FieldPathComparer.Instance))
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }
                        first = false;
                        if (!isList)
                        {
                            sb.Append(IsIdentifier(k) ? k : int.TryParse(k, out _) ? $"[{k}]" : $"[\"{k}\"]").Append('=');
                        }
                        Write(o[k], sb);
                    }
                    sb.Append('}');
                    break;
                case JsonArray a:
                    sb.Append('{');
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(',');
                        }
                        Write(a[i], sb);
                    }
                    sb.Append('}');
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    sb.Append('"').Append(v.GetValue<string>().Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                    break;
                default:
                    sb.Append(n?.ToJsonString() ?? "nil");
                    break;
            }
        }

        static bool IsIdentifier(string k) => k.Length > 0 && !char.IsDigit(k[0]) && k.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }
}
