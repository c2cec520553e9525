using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/proxy-cache/schema.lua (3.9.1): any protocol; strategy required.</summary>
internal static class ProxyCacheSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "proxy-cache",
        Protocols = KongProtocols.All,
        DefaultProtocols = Typedefs.HttpProtocols,
        Config = Field.Record(
            ("response_code", Field.Array(Field.Int(between: (100, 900)), Field.Integers(200, 301, 404), required: true, lenMin: 1)),
            ("request_method", Field.Array(Field.Str(oneOf: ["HEAD", "GET", "POST", "PATCH", "PUT"]), Field.Strings("GET", "HEAD"), required: true)),
            ("content_type", Field.Array(Field.Str(), Field.Strings("text/plain", "application/json"), required: true)),
            ("cache_ttl", Field.Int(300, gt: 0)),
            // proxy-cache/strategies/init.lua STRATEGY_TYPES: only "memory" in OSS; no default
            ("strategy", Field.Str(required: true, oneOf: ["memory"])),
            ("cache_control", Field.Bool(false, required: true)),
            ("ignore_uri_case", Field.Bool(false)),
            ("storage_ttl", Field.Int()),
            ("memory", Field.Record(("dictionary_name", Field.Str("kong_db_cache", required: true)))),
            ("vary_query_params", Field.Array(Field.Str())),
            ("vary_headers", Field.Array(Field.Str())),
            ("response_headers", Field.Record(("age", Field.Bool(true)), ("X-Cache-Status", Field.Bool(true)), ("X-Cache-Key", Field.Bool(true))))),
        EntityChecks = [new CustomCheck(SharedDictExists)],
    };

    /// <summary>proxy-cache/schema.lua:87-101: the memory strategy needs an existing lua_shared_dict.</summary>
    private static string? SharedDictExists(JsonObject plugin)
    {
        var config = (JsonObject)plugin["config"]!;
        if (FieldChecks.AsString(config["strategy"]) != "memory" || FieldChecks.AsString(config["memory"]?["dictionary_name"]) is not { } dict)
        {
            return null;
        }
        return Typedefs.SharedDicts.Contains(dict) ? null : $"missing shared dict '{dict}'";
    }
}
