using System.Globalization;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/rate-limiting/schema.lua (3.9.1) in DB-less mode, with kong/tools/redis/schema.lua.</summary>
internal static class RateLimitingSchema
{
    private static readonly string[] Periods = ["second", "minute", "hour", "day", "month", "year"];

    /// <summary>kong/tools/redis/schema.lua config_schema.</summary>
    internal static SchemaField Redis() => Field.Record(
        ("host", Typedefs.Host),
        ("port", Typedefs.Port(6379)),
        ("timeout", Typedefs.Timeout(2000)),
        ("username", Field.Str()),
        ("password", Field.Str(lenMin: 0)),
        ("database", Field.Int(0)),
        ("ssl", Field.Bool(false)),
        ("ssl_verify", Field.Bool(false)),
        ("server_name", Typedefs.Sni));

    public static readonly PluginSchema Schema = new()
    {
        Name = "rate-limiting",
        Config = Field.Record(PeriodsInOrder,
            ("second", Field.Num(gt: 0)),
            ("minute", Field.Num(gt: 0)),
            ("hour", Field.Num(gt: 0)),
            ("day", Field.Num(gt: 0)),
            ("month", Field.Num(gt: 0)),
            ("year", Field.Num(gt: 0)),
            ("limit_by", Field.Str("consumer", oneOf: ["consumer", "credential", "ip", "service", "header", "path"])),
            ("header_name", Typedefs.HeaderName()),
            ("path", Typedefs.Path),
            // schema.lua:49-58: without a database only local and redis
            ("policy", Field.Str("local", lenMin: 0, oneOf: ["local", "redis"])),
            ("fault_tolerant", Field.Bool(true, required: true)),
            ("redis", Redis()),
            ("hide_client_headers", Field.Bool(false, required: true)),
            ("error_code", Field.Num(429, gt: 0)),
            ("error_message", Field.Str("API rate limit exceeded")),
            ("sync_rate", Field.Num(-1, required: true))),
        EntityChecks =
        [
            new AtLeastOneOf([.. Periods.Select(p => "config." + p)]),
            new Conditional("config.policy", v => FieldChecks.AsString(v) == "redis", "config.redis.host", ThenRequired: true),
            new Conditional("config.policy", v => FieldChecks.AsString(v) == "redis", "config.redis.port", ThenRequired: true),
            new Conditional("config.policy", v => FieldChecks.AsString(v) == "redis", "config.redis.timeout", ThenRequired: true),
            new Conditional("config.limit_by", v => FieldChecks.AsString(v) == "header", "config.header_name", ThenRequired: true),
            new Conditional("config.limit_by", v => FieldChecks.AsString(v) == "path", "config.path", ThenRequired: true),
        ],
        Shorthands = RedisShorthands,
    };

    /// <summary>schema.lua:10-36 validate_periods_order, the config record's custom_validator.</summary>
    private static string? PeriodsInOrder(JsonObject config)
    {
        for (var i = 0; i < Periods.Length; i++)
        {
            if (Number(config[Periods[i]]) is not { } lower)
            {
                continue;
            }
            for (var j = i + 1; j < Periods.Length; j++)
            {
                if (Number(config[Periods[j]]) is { } upper && upper < lower)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"The limit for {Periods[j]}({upper:F1}) cannot be lower than the limit for {Periods[i]}({lower:F1})");
                }
            }
        }
        var policy = FieldChecks.AsString(config["policy"]);
        var syncRate = Number(config["sync_rate"]) ?? -1;
        if (policy != "redis" && syncRate != -1)
        {
            return "sync_rate can only be used with the redis policy";
        }
        if (policy == "redis" && syncRate != -1 && syncRate < 0.02)
        {
            return "sync_rate must be greater than 0.02, or -1 to disable";
        }
        return null;
    }

    private static double? Number(JsonNode? n) =>
        n is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.GetValue<double>() : null;

    /// <summary>schema.lua:101-194: the deprecated redis_* keys move under redis; a value set there wins.</summary>
    private static void RedisShorthands(JsonObject config)
    {
        foreach (var key in new[] { "host", "port", "password", "username", "ssl", "ssl_verify", "server_name", "timeout", "database" })
        {
            if (!config.Remove("redis_" + key, out var value))
            {
                continue;
            }
            if (config["redis"] is not JsonObject redis)
            {
                config["redis"] = redis = [];
            }
            if (FieldChecks.IsNull(redis[key]))
            {
                redis[key] = value;
            }
        }
    }
}
