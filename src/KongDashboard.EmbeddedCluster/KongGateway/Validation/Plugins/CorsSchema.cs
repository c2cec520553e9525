using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/cors/schema.lua (3.9.1).</summary>
internal static class CorsSchema
{
    private static readonly string[] Methods = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

    public static readonly PluginSchema Schema = new()
    {
        Name = "cors",
        NoConsumer = true,
        Config = Field.Record(
            ("origins", Field.Array(Field.Str(custom: AsteriskOrRegex))),
            ("headers", Field.Array(Field.Str())),
            ("exposed_headers", Field.Array(Field.Str())),
            ("methods", Field.Array(Field.Str(oneOf: Methods), Field.Strings(Methods))),
            ("max_age", Field.Num()),
            ("credentials", Field.Bool(false, required: true)),
            ("private_network", Field.Bool(false, required: true)),
            ("preflight_continue", Field.Bool(false, required: true))),
    };

    /// <summary>cors/schema.lua:17-23: "*" or a PCRE that compiles (ngx.re.match dry run).</summary>
    private static string? AsteriskOrRegex(JsonNode value)
    {
        var origin = FieldChecks.AsString(value)!;
        return origin == "*" || PcreRegex.CompileError(origin) is null ? null : $"'{origin}' is not a valid regex";
    }
}
