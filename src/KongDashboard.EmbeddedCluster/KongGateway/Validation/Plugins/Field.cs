using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>Short builders for <see cref="SchemaField"/>, close to how the Lua schemas read.</summary>
internal static class Field
{
    public static SchemaField Str(string? @default = null, bool required = false, string[]? oneOf = null, int? lenMin = null,
        Func<JsonNode, string?>? custom = null, Regex? match = null) => new()
        {
            Type = "string",
            Default = @default is null ? null : JsonValue.Create(@default),
            Required = required,
            OneOf = oneOf,
            LenMin = lenMin,
            Custom = custom,
            Match = match,
        };

    public static SchemaField Num(double? @default = null, bool required = false, double? gt = null, (long, long)? between = null) => new()
    {
        Type = "number",
        Default = @default switch
        {
            null => null,
            { } whole when whole == Math.Floor(whole) => JsonValue.Create((long)whole), // shown as Kong shows it: 429, not 429.0
            { } fraction => JsonValue.Create(fraction),
        },
        Required = required,
        Gt = gt,
        Between = between,
    };

    public static SchemaField Int(long? @default = null, bool required = false, double? gt = null, (long, long)? between = null) => new()
    {
        Type = "integer",
        Default = @default is null ? null : JsonValue.Create(@default.Value),
        Required = required,
        Gt = gt,
        Between = between,
    };

    public static SchemaField Bool(bool? @default = null, bool required = false) => new()
    {
        Type = "boolean",
        Default = @default is null ? null : JsonValue.Create(@default.Value),
        Required = required,
    };

    public static SchemaField Array(SchemaField elements, JsonArray? @default = null, bool required = false, int? lenMin = null, string? contains = null) => new()
    {
        Type = "array",
        Elements = elements,
        Default = @default,
        Required = required,
        LenMin = lenMin,
        Contains = contains,
    };

    public static SchemaField Set(SchemaField elements, JsonArray? @default = null, bool required = false) => new()
    {
        Type = "set",
        Elements = elements,
        Default = @default,
        Required = required,
    };

    /// <summary>A record; in an entity it is required unless said otherwise (entity.lua:13-24).</summary>
    public static SchemaField Record(params (string Name, SchemaField Field)[] fields) => new()
    {
        Type = "record",
        Required = true,
        Fields = fields,
    };

    public static SchemaField Record(Func<JsonObject, string?> validator, params (string Name, SchemaField Field)[] fields) => new()
    {
        Type = "record",
        Required = true,
        Fields = fields,
        Custom = v => validator((JsonObject)v),
    };

    public static JsonArray Strings(params string[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    public static JsonArray Integers(params long[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
