using System.Text.Json;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>Validates one non-null field value, reporting under <paramref name="field"/>.</summary>
internal delegate void FieldRule(string field, JsonNode value, EntityErrors errors);

/// <summary>Builders for the field types of Kong's schema DSL (kong/db/schema/init.lua).</summary>
internal static class Rules
{
    public static FieldRule Of(Func<JsonNode, string?> check) => (f, v, e) =>
    {
        if (check(v) is { } m)
        {
            e.Field(f, m);
        }
    };

    public static FieldRule Str(Func<string, string?>? check = null) => (f, v, e) =>
    {
        var s = FieldChecks.AsString(v);
        if (s is null)
        {
            e.Field(f, FieldChecks.ExpectedString);
        }
        else if (check?.Invoke(s) is { } m)
        {
            e.Field(f, m);
        }
    };

    public static FieldRule Int(long min = long.MinValue, long max = long.MaxValue) => Of(v =>
        min == long.MinValue && max == long.MaxValue
            ? (FieldChecks.TryInteger(v, out _) ? null : FieldChecks.ExpectedInteger)
            : FieldChecks.IntegerBetween(v, min, max));

    public static FieldRule Num(double min, double max) => Of(v => FieldChecks.NumberBetween(v, min, max));

    public static readonly FieldRule Bool = Of(FieldChecks.Boolean);

    public static readonly FieldRule Uuid = Of(FieldChecks.Uuid);

    public static readonly FieldRule Name = Of(FieldChecks.Name);

    public static readonly FieldRule Utf8Name = Of(FieldChecks.Utf8Name);

    public static readonly FieldRule Any = (_, _, _) => { };

    public static FieldRule OneOf(params string[] options) => Of(v => FieldChecks.OneOf(v, options));

    public static FieldRule IntOneOf(params long[] options) => Of(v =>
        FieldChecks.TryInteger(v, out var i)
            ? (options.Contains(i) ? null : $"expected one of: {string.Join(", ", options)}")
            : FieldChecks.ExpectedInteger);

    /// <summary>typedefs.auto_timestamp_s: any positive number.</summary>
    public static readonly FieldRule Timestamp = Of(v =>
        v is JsonValue j && j.GetValueKind() == JsonValueKind.Number ? (j.GetValue<double>() > 0 ? null : "expected a valid timestamp") : FieldChecks.ExpectedInteger);

    /// <summary>An array (or set) whose elements are checked one by one, errors at "field.N" (1-based).</summary>
    public static FieldRule ArrayOf(FieldRule element, bool set = false, int minLength = 0) => (f, v, e) =>
    {
        if (v is not JsonArray a)
        {
            e.Field(f, set ? FieldChecks.ExpectedSet : FieldChecks.ExpectedArray);
            return;
        }
        if (a.Count < minLength)
        {
            e.Field(f, $"length must be at least {minLength}");
            return;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (FieldChecks.IsNull(a[i]))
            {
                e.Field($"{f}.{i + 1}", "field is not nullable");
                continue;
            }
            element($"{f}.{i + 1}", a[i]!, e);
        }
    };

    public static FieldRule Strings(Func<string, string?>? check = null, bool set = true) => ArrayOf(Str(check), set);

    /// <summary>typedefs.tags.</summary>
    public static readonly FieldRule Tags = Strings(FieldChecks.Tag);

    public static readonly FieldRule Record = Of(v => v is JsonObject ? null : FieldChecks.ExpectedRecord);

    /// <summary>A foreign key in declarative form: the referenced entity's id or endpoint key, or {"id": …}.</summary>
    public static readonly FieldRule Foreign = Of(v => v switch
    {
        JsonValue j when j.GetValueKind() == JsonValueKind.String => null,
        JsonObject o when o.Count > 0 => null,
        _ => FieldChecks.ExpectedString,
    });

    /// <summary>A record with known sub-fields (healthchecks, sources …); unknown sub-fields are rejected.</summary>
    public static FieldRule RecordOf(IReadOnlyDictionary<string, FieldRule> fields) => (f, v, e) =>
    {
        if (v is not JsonObject o)
        {
            e.Field(f, FieldChecks.ExpectedRecord);
            return;
        }
        foreach (var (k, sub) in o)
        {
            if (!fields.TryGetValue(k, out var rule))
            {
                e.Field($"{f}.{k}", FieldChecks.Unknown);
            }
            else if (!FieldChecks.IsNull(sub))
            {
                rule($"{f}.{k}", sub!, e);
            }
        }
    };
}
