using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;

namespace KongDashboard.EmbeddedCluster.KongGateway.Database;

/// <summary>
/// The error bodies of Kong's generated endpoints in DB mode: the DAO error object (kong/db/errors.lua) with the HTTP
/// status of kong/api/endpoints.lua:25-39 (ERRORS_HTTP_CODES) — 400 for schema and foreign-key violations, 409 for
/// unique violations, 404 for not found.
/// </summary>
internal static class DaoErrors
{
    public static AdminReply NotFound() => new(404, new JsonObject { ["message"] = "Not found" });

    public static AdminReply Error(int status, int code, string name, string message, JsonNode? fields, string fieldsKey = "fields") =>
        new(status, new JsonObject { ["code"] = code, ["name"] = name, ["message"] = message, [fieldsKey] = fields });

    /// <summary>errors.lua:216-262 schema_violation: entity errors first, then fields sorted, "a.b: msg" for nested ones.</summary>
    public static AdminReply SchemaViolation(EntityErrors errors)
    {
        var parts = new List<string>();
        var fields = new JsonObject();
        var entityMessages = errors.EntityMessages.ToList();
        if (entityMessages.Count > 0)
        {
            parts.AddRange(entityMessages);
            fields["@entity"] = new JsonArray(entityMessages.Select(m => (JsonNode?)m).ToArray());
        }

        foreach (var (field, message) in errors.FieldErrors.OrderBy(f => f.Field, FieldPathComparer.Instance))
        {
            parts.Add($"{field}: {message}");
            SetPath(fields, field.Split('.'), message);
        }

        return SchemaViolation(parts, fields);
    }

    public static AdminReply SchemaViolation(string field, string message) =>
        SchemaViolation([$"{field}: {message}"], new JsonObject { [field] = message });

    private static AdminReply SchemaViolation(List<string> parts, JsonObject fields)
    {
        var message = parts.Count == 1
            ? $"schema violation ({parts[0]})"
            : $"{parts.Count} schema violations ({string.Join("; ", parts)})";
        return Error(400, 2, "schema violation", message, fields);
    }

    /// <summary>errors.lua:361-370: <c>UNIQUE violation detected on '{name="svc"}'</c>, with the unique key as fields.</summary>
    public static AdminReply UniqueViolation(JsonObject key) =>
        Error(409, 5, "unique constraint violation", $"UNIQUE violation detected on '{LuaPretty(key)}'", key);

    /// <summary>errors.lua:277-298: a foreign key that points nowhere.</summary>
    public static AdminReply ForeignKeyInvalid(string field, JsonObject foreignKey, string parentPlural) =>
        Error(400, 4, "foreign key violation", $"the foreign key '{LuaPretty(foreignKey)}' does not reference an existing '{parentPlural}' entity.",
            new JsonObject { [field] = foreignKey.DeepClone() });

    /// <summary>errors.lua:301-316: deleting a parent that a restricting child still references.</summary>
    public static AdminReply ForeignKeyRestricted(string parentPlural, string childPlural) =>
        Error(400, 4, "foreign key violation", $"an existing '{childPlural}' entity references this '{parentPlural}' entity",
            new JsonObject { ["@referenced_by"] = childPlural });

    /// <summary>errors.lua invalid_options (code 11), as extract_options / validate_options_value report bad tags.</summary>
    public static AdminReply InvalidOption(string option, string message) =>
        Error(400, 11, "invalid options", $"invalid option ({option}: {message})", new JsonObject { [option] = message }, "options");

    /// <summary>Penlight's pretty.write(t, "") as errors.lua uses it: keys sorted, strings quoted, nulls as null.</summary>
    public static string LuaPretty(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    sb.Append(first ? "" : ",").Append(k).Append('=');
                    Write(sb, v);
                    first = false;
                }

                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('{');
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",");
                    Write(sb, a[i]);
                }

                sb.Append('}');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                sb.Append('"').Append(v.GetValue<string>()).Append('"');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Null:
                sb.Append("null");
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }

    private static void SetPath(JsonObject root, string[] path, string message)
    {
        var node = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (node[path[i]] is not JsonObject next)
            {
                next = new JsonObject();
                node[path[i]] = next;
            }

            node = next;
        }

        node[path[^1]] = message;
    }
}
