using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>kong/db/schema/entities/upstreams.lua (3.9: algorithms incl. latency/sticky-sessions, hash_on incl. path/query_arg/uri_capture).</summary>
internal sealed class UpstreamValidator : IEntityValidator
{
    internal static readonly string[] HashOn = ["none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture"];

    private static readonly FieldRule Statuses = Rules.ArrayOf(Rules.Int(100, 999));
    private static readonly FieldRule Seconds = Rules.Num(0, 65535);
    private static readonly FieldRule PositiveOrZero = Rules.Int(0, 2147483648);

    private static readonly FieldRule Healthchecks = Rules.RecordOf(new Dictionary<string, FieldRule>
    {
        ["active"] = Rules.RecordOf(new Dictionary<string, FieldRule>
        {
            ["type"] = Rules.OneOf("tcp", "http", "https", "grpc", "grpcs"),
            ["timeout"] = Seconds,
            ["concurrency"] = Rules.Int(1, 2147483648),
            ["http_path"] = Rules.Str(p => p.StartsWith('/') ? null : "should start with: /"),
            ["https_sni"] = Rules.Str(SniValidator.SniError),
            ["https_verify_certificate"] = Rules.Bool,
            ["headers"] = Rules.Record,
            ["healthy"] = Rules.RecordOf(new Dictionary<string, FieldRule>
            {
                ["interval"] = Seconds,
                ["http_statuses"] = Statuses,
                ["successes"] = Rules.Int(0, 255),
            }),
            ["unhealthy"] = Rules.RecordOf(new Dictionary<string, FieldRule>
            {
                ["interval"] = Seconds,
                ["http_statuses"] = Statuses,
                ["tcp_failures"] = Rules.Int(0, 255),
                ["timeouts"] = Rules.Int(0, 255),
                ["http_failures"] = Rules.Int(0, 255),
            }),
        }),
        ["passive"] = Rules.RecordOf(new Dictionary<string, FieldRule>
        {
            ["type"] = Rules.OneOf("tcp", "http", "https", "grpc", "grpcs"),
            ["healthy"] = Rules.RecordOf(new Dictionary<string, FieldRule>
            {
                ["http_statuses"] = Statuses,
                ["successes"] = Rules.Int(0, 255),
            }),
            ["unhealthy"] = Rules.RecordOf(new Dictionary<string, FieldRule>
            {
                ["http_statuses"] = Statuses,
                ["tcp_failures"] = Rules.Int(0, 255),
                ["timeouts"] = Rules.Int(0, 255),
                ["http_failures"] = Rules.Int(0, 255),
            }),
        }),
        ["threshold"] = Rules.Num(0, 100),
    });

    public IReadOnlyDictionary<string, FieldRule> Fields { get; } = CommonFields.With(
        ("name", Rules.Str(NameError)),
        ("algorithm", Rules.OneOf("consistent-hashing", "least-connections", "round-robin", "latency", "sticky-sessions")),
        ("hash_on", Rules.OneOf(HashOn)),
        ("hash_fallback", Rules.OneOf(HashOn)),
        ("hash_on_header", Rules.Str()),
        ("hash_fallback_header", Rules.Str()),
        ("hash_on_cookie", Rules.Str()),
        ("hash_on_cookie_path", Rules.Str(p => p.StartsWith('/') ? null : "should start with: /")),
        ("hash_on_query_arg", Rules.Str()),
        ("hash_fallback_query_arg", Rules.Str()),
        ("hash_on_uri_capture", Rules.Str()),
        ("hash_fallback_uri_capture", Rules.Str()),
        ("slots", Rules.Int(10, 65536)),
        ("healthchecks", Healthchecks),
        ("host_header", Rules.Str(FieldChecks.Host)),
        ("client_certificate", Rules.Foreign),
        ("use_srv_name", Rules.Bool),
        ("sticky_sessions_cookie", Rules.Str()),
        ("sticky_sessions_cookie_path", Rules.Str()));

    public IReadOnlyList<string> Required { get; } = ["name"];

    /// <summary>upstreams.lua validate_name.</summary>
    private static string? NameError(string name) => FieldChecks.NormalizeIp(name) switch
    {
        null => $"Invalid name ('{name}'); must be a valid hostname",
        { Type: not "name" } => $"Invalid name ('{name}'); no ip addresses allowed",
        { Port: not null } => $"Invalid name ('{name}'); no port allowed",
        _ => null,
    };

    public void CheckEntity(JsonObject u, EntityErrors errors)
    {
        var hashOn = FieldChecks.AsString(u["hash_on"]) ?? "none";
        var fallback = FieldChecks.AsString(u["hash_fallback"]) ?? "none";
        // upstreams.lua entity_checks: conditional "required" fields per hashing mode
        RequiredWhen(u, errors, hashOn == "header", "hash_on_header", "hash_on");
        RequiredWhen(u, errors, fallback == "header", "hash_fallback_header", "hash_fallback");
        RequiredWhen(u, errors, hashOn == "cookie", "hash_on_cookie", "hash_on");
        RequiredWhen(u, errors, fallback == "cookie", "hash_on_cookie", "hash_fallback");
        RequiredWhen(u, errors, hashOn == "query_arg", "hash_on_query_arg", "hash_on");
        RequiredWhen(u, errors, fallback == "query_arg", "hash_fallback_query_arg", "hash_fallback");
        RequiredWhen(u, errors, hashOn == "uri_capture", "hash_on_uri_capture", "hash_on");
        RequiredWhen(u, errors, fallback == "uri_capture", "hash_fallback_uri_capture", "hash_fallback");
        if ((hashOn is "none" or "cookie") && fallback != "none")
        {
            errors.Field("hash_fallback", "expected one of: none");
            errors.EntityError("failed conditional validation given value of field 'hash_on'");
        }
        else if (hashOn is "consumer" or "ip" or "path" && fallback == hashOn)
        {
            // hash_fallback must differ from hash_on (only header/query_arg/uri_capture may repeat, with other keys)
            errors.Field("hash_fallback", $"expected one of: {string.Join(", ", HashOn.Where(h => h != hashOn))}");
            errors.EntityError("failed conditional validation given value of field 'hash_on'");
        }
        if (FieldChecks.AsString(u["hash_on_header"]) is { } h1 && FieldChecks.AsString(u["hash_fallback_header"]) is { } h2
            && string.Equals(h1, h2, StringComparison.OrdinalIgnoreCase))
        {
            errors.EntityError("values of these fields must be distinct: 'hash_on_header', 'hash_fallback_header'");
        }
    }

    private static void RequiredWhen(JsonObject u, EntityErrors errors, bool condition, string field, string ifField)
    {
        if (condition && FieldChecks.IsNull(u[field]))
        {
            errors.Field(field, FieldChecks.Required);
            errors.EntityError($"failed conditional validation given value of field '{ifField}'");
        }
    }
}

/// <summary>kong/db/schema/entities/targets.lua.</summary>
internal sealed class TargetValidator : IEntityValidator
{
    public IReadOnlyDictionary<string, FieldRule> Fields { get; } = CommonFields.With(
        ("upstream", Rules.Foreign),
        ("target", Rules.Str(TargetError)),
        ("weight", Rules.Int(0, 65535)),
        ("failover", Rules.Bool));

    public IReadOnlyList<string> Required { get; } = ["target"];

    private static string? TargetError(string t) =>
        FieldChecks.NormalizeIp(t) is null ? $"Invalid target ('{t}'); not a valid hostname or ip address" : null;

    public void CheckEntity(JsonObject entity, EntityErrors errors)
    {
    }
}
