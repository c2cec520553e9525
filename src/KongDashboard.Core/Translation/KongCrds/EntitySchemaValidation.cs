using System.Text.Json;
using System.Text.Json.Nodes;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>
/// The top-level checks of Kong's <c>POST /schemas/&lt;type&gt;/validate</c> (kong/db/schema/init.lua: Schema:validate,
/// validate_field; messages from its validation_errors, joined like kong/db/errors.lua: schema_violation), done against
/// the fetched schema instead of asking the gateway again: unknown fields, required fields missing after defaults and
/// auto fields, and value types. Nested records, custom validators and entity checks are the gateway's to enforce when
/// the configuration is pushed.
/// </summary>
internal static class EntitySchemaValidation
{
    /// <summary>Null when valid, otherwise Kong's message ("schema violation (field: reason)").</summary>
    public static string? Violation(EntitySchemaFields schema, JsonObject fields)
    {
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (!schema.Fields.TryGetValue(name, out var field))
            {
                errors[name] = "unknown field";
            }
            else if (value is not null && TypeError(field, value) is { } error)
            {
                errors[name] = error;
            }
        }
        foreach (var field in schema.Fields.Values)
        {
            if (field.Required && !field.Auto && !field.HasDefault && fields[field.Name] is null)
            {
                errors[field.Name] = "required field missing";
            }
        }
        return errors.Count switch
        {
            0 => null,
            1 => $"schema violation ({errors.Keys.First()}: {errors.Values.First()})",
            _ => $"{errors.Count} schema violations ({string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}"))})",
        };
    }

    private static string? TypeError(EntitySchemaField field, JsonNode value)
    {
        var kind = value.GetValueKind();
        return field.Type switch
        {
            "string" when kind != JsonValueKind.String => "expected a string",
            "string" when value.GetValue<string>().Length < (field.LenMin ?? 1) => $"length must be at least {field.LenMin ?? 1}",
            "integer" when kind != JsonValueKind.Number || !value.AsValue().TryGetValue<long>(out _) => "expected an integer",
            "number" when kind != JsonValueKind.Number => "expected a number",
            "boolean" when kind is not (JsonValueKind.True or JsonValueKind.False) => "expected a boolean",
            "array" when kind != JsonValueKind.Array => "expected an array",
            "set" when kind != JsonValueKind.Array => "expected a set",
            "map" when kind != JsonValueKind.Object => "expected a map",
            "record" when kind != JsonValueKind.Object => "expected a record",
            _ => null,
        };
    }
}
