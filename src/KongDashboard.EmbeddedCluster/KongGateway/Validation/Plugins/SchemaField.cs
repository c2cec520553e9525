using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>
/// One field of a plugin's config schema, as Kong's schema DSL declares it (kong/db/schema/init.lua): a type, whether it is
/// required, a default, and the validators Kong runs in its fixed order (validators_order, init.lua:383-412).
/// </summary>
internal sealed class SchemaField
{
    public required string Type { get; init; }

    public bool Required { get; init; }

    /// <summary>The default, copied in when the field is missing (handle_missing_field, init.lua:1037-1075).</summary>
    public JsonNode? Default
    {
        get => _default;
        // re-parsed so its numbers read back as any numeric type, like every value of a parsed configuration
        init => _default = value is null ? null : JsonNode.Parse(value.ToJsonString());
    }

    private readonly JsonNode? _default;

    public bool HasDefault => Default is not null;

    public string[]? OneOf { get; init; }

    public double? Gt { get; init; }

    public (long Low, long High)? Between { get; init; }

    /// <summary>Strings have an implicit len_min of 1 (init.lua:990-993); 0 allows "".</summary>
    public int? LenMin { get; init; }

    public string? StartsWith { get; init; }

    /// <summary>match_none: the first pattern found gives its error.</summary>
    public (Regex Pattern, string Error)[]? MatchNone { get; init; }

    /// <summary>match, a Lua pattern rewritten as a .NET regex: "invalid value: &lt;value&gt;" when it does not match.</summary>
    public Regex? Match { get; init; }

    public string? Contains { get; init; }

    /// <summary>custom_validator: an error message, or null when valid.</summary>
    public Func<JsonNode, string?>? Custom { get; init; }

    /// <summary>Elements of an array or set (always required: init.lua:839).</summary>
    public SchemaField? Elements { get; init; }

    /// <summary>Fields of a record, in schema order.</summary>
    public IReadOnlyList<(string Name, SchemaField Field)>? Fields { get; init; }

    /// <summary>
    /// process_auto_fields for a record (init.lua:1788, adjust_field_for_context 1645-1690): a copy of the input with
    /// every missing field given its default; nested records are required in entities (entity.lua:13-24), so a
    /// missing one is built from its own defaults; a missing optional field becomes null.
    /// </summary>
    public JsonObject Fill(JsonObject input)
    {
        var filled = new JsonObject();
        foreach (var (name, field) in Fields!)
        {
            if (input.TryGetPropertyValue(name, out var given))
            {
                filled[name] = field.Type == "record" && given is JsonObject record ? field.Fill(record) : given?.DeepClone();
            }
            else if (field.HasDefault)
            {
                filled[name] = field.Default!.DeepClone();
            }
            else if (field.Type == "record")
            {
                filled[name] = field.Fill([]);
            }
            else if (!field.Required)
            {
                filled[name] = null;
            }
        }
        foreach (var (name, value) in input)
        {
            filled.TryAdd(name, value?.DeepClone()); // undeclared: reported as "unknown field"
        }
        return filled;
    }

    /// <summary>
    /// validate_field (init.lua:874-1031) for a present value (null included), errors reported at <paramref name="path"/>
    /// (nested record fields and 1-based array positions join with '.', as flatten_errors does).
    /// Returns false when it reported an error.
    /// </summary>
    public bool Validate(string path, JsonNode? value, EntityErrors errors)
    {
        if (FieldChecks.IsNull(value))
        {
            return Report(path, Required ? FieldChecks.Required : null, errors);
        }
        switch (Type)
        {
            case "string" when FieldChecks.AsString(value) is null:
                return Report(path, FieldChecks.ExpectedString, errors);
            case "number" when value!.GetValueKind() != JsonValueKind.Number:
                return Report(path, FieldChecks.ExpectedNumber, errors);
            case "integer" when !FieldChecks.TryInteger(value, out _):
                return Report(path, FieldChecks.ExpectedInteger, errors);
            case "boolean" when FieldChecks.Boolean(value) is { } notBoolean:
                return Report(path, notBoolean, errors);
            case "array" or "set" when value is not JsonArray:
                return Report(path, Type == "set" ? FieldChecks.ExpectedSet : FieldChecks.ExpectedArray, errors);
            case "array" or "set":
                var elementsValid = true;
                var array = (JsonArray)value!;
                for (var i = 0; i < array.Count; i++)
                {
                    elementsValid &= Elements!.Validate($"{path}.{i + 1}", array[i], errors);
                }
                if (!elementsValid)
                {
                    return false;
                }
                break;
            case "record" when value is not JsonObject:
                return Report(path, FieldChecks.ExpectedRecord, errors);
            case "record":
                if (!ValidateRecord(path, (JsonObject)value!, errors))
                {
                    return false; // a record's own validators run only when its fields are valid
                }
                break;
        }
        return Report(path, RunValidators(value!), errors);
    }

    /// <summary>Schema:validate of a record (init.lua:2106-2153): every field present, then the required ones.</summary>
    private bool ValidateRecord(string path, JsonObject record, EntityErrors errors)
    {
        var valid = true;
        foreach (var (name, value) in record)
        {
            var field = Fields!.FirstOrDefault(f => f.Name == name).Field;
            valid &= field is null ? Report($"{path}.{name}", FieldChecks.Unknown, errors) : field.Validate($"{path}.{name}", value, errors);
        }
        foreach (var (name, field) in Fields!)
        {
            if (field.Required && !record.ContainsKey(name))
            {
                valid &= Report($"{path}.{name}", FieldChecks.Required, errors);
            }
        }
        return valid;
    }

    /// <summary>The validators in Kong's order; the first failing one gives the message.</summary>
    private string? RunValidators(JsonNode value)
    {
        var text = FieldChecks.AsString(value);
        var number = value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : (double?)null;
        if (OneOf is not null && text is not null && !OneOf.Contains(text, StringComparer.Ordinal))
        {
            return $"expected one of: {string.Join(", ", OneOf)}";
        }
        if (Gt is { } gt && number is { } n && !(n > gt))
        {
            return $"value must be greater than {LuaNumber(gt)}";
        }
        if (Between is { } between && number is { } b && (b < between.Low || b > between.High))
        {
            return $"value should be between {between.Low} and {between.High}";
        }
        var length = text?.Length ?? (value as JsonArray)?.Count;
        var lenMin = LenMin ?? (Type == "string" ? 1 : null);
        if (lenMin is { } min && length is { } len && len < min)
        {
            return $"length must be at least {min}";
        }
        if (text is not null)
        {
            if (StartsWith is not null && !text.StartsWith(StartsWith, StringComparison.Ordinal))
            {
                return $"should start with: {StartsWith}";
            }
            if (MatchNone?.FirstOrDefault(m => m.Pattern.IsMatch(text)) is { Error: { } matchedError })
            {
                return matchedError;
            }
            if (Match is not null && !Match.IsMatch(text))
            {
                return $"invalid value: {text}";
            }
        }
        if (Contains is not null && value is JsonArray items && !items.Any(i => FieldChecks.AsString(i) == Contains))
        {
            return $"expected to contain: {Contains}";
        }
        return Custom?.Invoke(value);
    }

    /// <summary>Lua's tostring of a number: integers without a decimal part.</summary>
    internal static string LuaNumber(double n) =>
        n == Math.Floor(n) && Math.Abs(n) < 1e15 ? ((long)n).ToString(CultureInfo.InvariantCulture) : n.ToString("R", CultureInfo.InvariantCulture);

    private static bool Report(string path, string? message, EntityErrors errors)
    {
        if (message is null)
        {
            return true;
        }
        errors.Field(path, message);
        return false;
    }
}
