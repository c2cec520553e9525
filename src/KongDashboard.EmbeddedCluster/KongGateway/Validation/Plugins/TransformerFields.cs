using System.Text.RegularExpressions;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>The element rules the request- and response-transformer schemas share (their validate_headers, check_for_value, colon arrays).</summary>
internal static partial class TransformerFields
{
    /// <summary>response-transformer's colon_string_record: json, json_types, headers.</summary>
    internal static SchemaField ColonRecord() => Field.Record(
        ("json", Strings(colon: true)),
        ("json_types", Field.Array(Field.Str(oneOf: ["boolean", "number", "string"]), Field.Strings(), required: true)),
        ("headers", Strings(colon: true)));

    /// <summary>An array of strings, default [] and required; <paramref name="colon"/>: each must match "^[^:]+:.*$".</summary>
    internal static SchemaField Strings(Func<string, string?>? check = null, bool colon = false) => Field.Array(
        Field.Str(match: colon ? ColonRegex() : null, custom: check is null ? null : v => check(FieldChecks.AsString(v)!)),
        Field.Strings(), required: true);

    /// <summary>"name:value" split as Lua's pair:match("^([^:]+):*(.-)$").</summary>
    private static (string? Name, string Value) Split(string pair)
    {
        var m = PairRegex().Match(pair);
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value) : (null, "");
    }

    /// <summary>validate_headers: the name part must be a valid header name.</summary>
    internal static string? HeaderOf(string pair)
    {
        var (name, _) = Split(pair);
        return name is not null && Typedefs.IsHeaderName(name) ? null : $"'{name}' is not a valid header";
    }

    /// <summary>validate_colon_headers: both parts must be valid header names.</summary>
    internal static string? BothHeaders(string pair)
    {
        var (name, value) = Split(pair);
        if (name is null || !Typedefs.IsHeaderName(name))
        {
            return $"'{name}' is not a valid header";
        }
        return Typedefs.IsHeaderName(value) ? null : $"'{value}' is not a valid header";
    }

    /// <summary>
    /// request-transformer check_for_value: a non-empty value after the colon. (Kong also compiles the value as a Penlight
    /// template; its error texts come from Lua's parser and are not reproduced.)
    /// </summary>
    internal static string? ValueOf(string entry)
    {
        var (name, value) = Split(entry);
        return value.Length == 0 ? $"key '{name}' has no value" : null;
    }

    [GeneratedRegex("^[^:]+:.*$", RegexOptions.Singleline)]
    private static partial Regex ColonRegex();

    [GeneratedRegex("^([^:]+):*(.*?)$", RegexOptions.Singleline)]
    private static partial Regex PairRegex();
}
