using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>The typedefs the bundled plugins use (kong/db/schema/typedefs.lua), with Kong's messages.</summary>
internal static partial class Typedefs
{
    /// <summary>kong/constants.lua PROTOCOLS_WITH_SUBSYSTEM entries of the http subsystem, sorted (typedefs.lua:466-472).</summary>
    public static readonly string[] HttpProtocols = ["grpc", "grpcs", "http", "https"];

    /// <summary>typedefs.header_name (typedefs.lua:345-349) → kong/tools/http.lua:271-282 validate_header_name.</summary>
    public static SchemaField HeaderName(string? @default = null, bool required = false) =>
        Field.Str(@default, required, custom: v => HeaderNameError(FieldChecks.AsString(v)!));

    public static string? HeaderNameError(string name) =>
        name.Length == 0 ? "no header name provided"
        : HeaderNameRegex().IsMatch(name) ? null
        : $"bad header name '{name}', allowed characters are A-Z, a-z, 0-9, '_', and '-'";

    public static bool IsHeaderName(string name) => name.Length > 0 && HeaderNameRegex().IsMatch(name);

    /// <summary>typedefs.ip_or_cidr (typedefs.lua:295-299, 53-59).</summary>
    public static readonly SchemaField IpOrCidr = Field.Str(custom: v =>
    {
        var s = FieldChecks.AsString(v)!;
        return IsIpOrCidr(s) ? null : $"invalid ip or cidr range: '{s}'";
    });

    /// <summary>kong/tools/ip.lua is_valid_ip_or_cidr: dotted-quad IPv4 (no shorthand forms) or IPv6, with an optional prefix length.</summary>
    public static bool IsIpOrCidr(string s)
    {
        var address = s.Split('/')[0];
        return (address.Contains(':') || DottedQuadRegex().IsMatch(address)) && IpCidr.IsIpOrCidr(s);
    }

    /// <summary>typedefs.host (typedefs.lua:24-35, 262-266).</summary>
    public static readonly SchemaField Host = Field.Str(custom: v => FieldChecks.Host(FieldChecks.AsString(v)!));

    /// <summary>typedefs.port (typedefs.lua:311-315).</summary>
    public static SchemaField Port(long? @default = null) => Field.Int(@default, between: (0, 65535));

    /// <summary>typedefs.timeout (typedefs.lua:352-356): 0 .. 2^31-2.</summary>
    public static SchemaField Timeout(long? @default = null) => Field.Int(@default, between: (0, 2147483646));

    /// <summary>typedefs.sni (typedefs.lua:154-170, 422-426).</summary>
    public static readonly SchemaField Sni = Field.Str(custom: v =>
    {
        var s = FieldChecks.AsString(v)!;
        return FieldChecks.NormalizeIp(s) switch
        {
            null => $"invalid value: {s}",
            { Type: not "name" } => "must not be an IP",
            { Port: not null } => "must not have a port",
            _ => null,
        };
    });

    /// <summary>typedefs.path (typedefs.lua:318-328): starts with '/', no empty segment, RFC 3986 characters.</summary>
    public static readonly SchemaField Path = new()
    {
        Type = "string",
        StartsWith = "/",
        MatchNone = [(EmptySegmentRegex(), "must not have empty segments")],
        Custom = v =>
        {
            var s = FieldChecks.AsString(v)!;
            return PathCharactersRegex().IsMatch(s) ? null : $"invalid path: '{s}' (characters outside of the reserved list of RFC 3986 found)";
        },
    };

    /// <summary>typedefs.http_method (typedefs.lua:247-251): match "^%u+$".</summary>
    public static readonly SchemaField HttpMethod = Field.Str(match: UpperCaseRegex());

    /// <summary>The shared dicts of Kong's stock nginx template (kong/templates/nginx_kong.lua lua_shared_dict lines).</summary>
    public static readonly HashSet<string> SharedDicts =
    [
        "kong", "kong_locks", "kong_healthchecks", "kong_cluster_events", "kong_rate_limiting_counters", "kong_core_db_cache",
        "kong_core_db_cache_miss", "kong_db_cache", "kong_db_cache_miss", "kong_secrets", "prometheus_metrics",
    ];

    public static JsonArray HttpProtocolsDefault() => Field.Strings(HttpProtocols);

    [GeneratedRegex("^[a-zA-Z0-9-_]+$")]
    private static partial Regex HeaderNameRegex();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex DottedQuadRegex();

    [GeneratedRegex("//")]
    private static partial Regex EmptySegmentRegex();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*$")]
    private static partial Regex PathCharactersRegex();

    // Lua's %u is an upper-case letter
    [GeneratedRegex("^[A-Z]+$")]
    private static partial Regex UpperCaseRegex();
}
