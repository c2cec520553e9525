using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// kong/db/schema/entities/routes.lua (+ routes_subschemas.lua for traditional flavors),
/// path/host rules from kong/db/schema/typedefs.lua.
/// </summary>
internal sealed partial class RouteValidator : IEntityValidator
{
    private readonly bool _expressions;

    public RouteValidator(string routerFlavor)
    {
        _expressions = routerFlavor == "expressions";
        var common = new (string, FieldRule)[]
        {
            ("name", Rules.Utf8Name),
            ("protocols", ProtocolsRule),
            ("https_redirect_status_code", Rules.IntOneOf(426, 301, 302, 307, 308)),
            ("strip_path", Rules.Bool),
            ("preserve_host", Rules.Bool),
            ("request_buffering", Rules.Bool),
            ("response_buffering", Rules.Bool),
            ("service", Rules.Foreign),
        };
        // routes.lua: the expressions flavor has a different field set (no paths/hosts/…)
        Fields = _expressions
            ? CommonFields.With([.. common, ("expression", Rules.Str()), ("priority", Rules.Int())])
            : CommonFields.With([.. common,
                ("methods", Rules.Strings(m => MethodRegex().IsMatch(m) ? null : $"invalid value: {m}")),
                ("hosts", Rules.Strings(HostError, set: false)),
                ("paths", Rules.Strings(PathError, set: false)),
                ("headers", Rules.Of(HeadersError)),
                ("regex_priority", Rules.Int()),
                ("path_handling", Rules.OneOf("v0", "v1")),
                ("snis", Rules.Strings(SniValidator.SniError)),
                ("sources", Rules.ArrayOf(EndpointRule, set: true)),
                ("destinations", Rules.ArrayOf(EndpointRule, set: true))]);
        Required = _expressions ? ["expression"] : [];
    }

    public IReadOnlyDictionary<string, FieldRule> Fields { get; }

    public IReadOnlyList<string> Required { get; }

    private static readonly FieldRule ProtocolsRule = (f, v, e) =>
    {
        Rules.ArrayOf(Rules.OneOf(KongProtocols.All), set: true, minLength: 1)(f, v, e);
        var protocols = Protocols(v);
        if (KongProtocols.ExclusiveSubsets.Count(s => s.Any(protocols.Contains)) > 1)
        {
            var sets = string.Join(", ", KongProtocols.ExclusiveSubsets.Select(s => "(" + string.Join(", ", s.Select(p => $"'{p}'")) + ")"));
            e.Field(f, $"these sets are mutually exclusive: {sets}");
        }
    };

    private static readonly FieldRule EndpointRule = Rules.RecordOf(new Dictionary<string, FieldRule>
    {
        ["ip"] = Rules.Str(ip => IpCidr.IsIpOrCidr(ip) ? null : $"invalid ip or cidr range: '{ip}'"),
        ["port"] = Rules.Int(0, 65535),
    });

    public void CheckEntity(JsonObject route, EntityErrors errors)
    {
        var protocols = route["protocols"] is JsonArray a ? Protocols(a) : ["http", "https"];
        // routes.lua: "'snis' can only be set when 'protocols' is …"
        if (NonEmpty(route, "snis") && !protocols.Any(p => p is "grpcs" or "https" or "tls" or "tls_passthrough"))
        {
            errors.EntityError("'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'");
        }
        if (_expressions)
        {
            if (FieldChecks.AsString(route["expression"]) is { } expr && RouterExpression.Error(expr) is { } err)
            {
                errors.EntityError($"Router Expression failed validation: {err}");
            }
            return;
        }
        CheckSubschema(route, protocols, errors);
    }

    /// <summary>routes_subschemas.lua: the first protocol picks the subschema.</summary>
    private static void CheckSubschema(JsonObject r, List<string> protocols, EntityErrors errors)
    {
        switch (protocols.FirstOrDefault())
        {
            case "http" or "https":
                MustBeNull(r, errors, "sources", "cannot set 'sources' when 'protocols' is 'http' or 'https'");
                MustBeNull(r, errors, "destinations", "cannot set 'destinations' when 'protocols' is 'http' or 'https'");
                if (protocols.Contains("https"))
                {
                    AtLeastOne(r, errors, ["methods", "hosts", "headers", "paths", "snis"], "when 'protocols' is 'https'");
                }
                else if (protocols.Contains("http"))
                {
                    AtLeastOne(r, errors, ["methods", "hosts", "headers", "paths"], "when 'protocols' is 'http'");
                }
                break;
            case "grpc" or "grpcs":
                if (r["strip_path"] is JsonValue sp && sp.GetValueKind() == System.Text.Json.JsonValueKind.True)
                {
                    errors.Field("strip_path", "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'");
                }
                MustBeNull(r, errors, "methods", "cannot set 'methods' when 'protocols' is 'grpc' or 'grpcs'");
                MustBeNull(r, errors, "sources", "cannot set 'sources' when 'protocols' is 'grpc' or 'grpcs'");
                MustBeNull(r, errors, "destinations", "cannot set 'destinations' when 'protocols' is 'grpc' or 'grpcs'");
                if (protocols.Contains("grpcs"))
                {
                    AtLeastOne(r, errors, ["hosts", "headers", "paths", "snis"], "when 'protocols' is 'grpcs'");
                }
                else
                {
                    AtLeastOne(r, errors, ["hosts", "headers", "paths"], "when 'protocols' is 'grpc'");
                }
                break;
            case "tcp" or "tls" or "udp" or "tls_passthrough":
                foreach (var f in new[] { "methods", "hosts", "paths", "headers" })
                {
                    MustBeNull(r, errors, f, $"cannot set '{f}' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'");
                }
                if (protocols.All(p => p is "tcp" or "tls" or "udp"))
                {
                    AtLeastOne(r, errors, ["sources", "destinations", "snis"], "when 'protocols' is 'tcp', 'tls' or 'udp'");
                }
                if (protocols.All(p => p == "tls_passthrough") && !NonEmpty(r, "snis"))
                {
                    errors.EntityError("must set snis when 'protocols' is 'tls_passthrough'");
                }
                break;
        }
    }

    private static void AtLeastOne(JsonObject r, EntityErrors errors, string[] fields, string when)
    {
        if (!fields.Any(f => NonEmpty(r, f)))
        {
            errors.EntityError($"must set one of {string.Join(", ", fields.Select(f => $"'{f}'"))} {when}");
        }
    }

    private static void MustBeNull(JsonObject r, EntityErrors errors, string field, string message)
    {
        if (NonEmpty(r, field))
        {
            errors.Field(field, message);
        }
    }

    /// <summary>schema/init.lua is_nonempty: not null, not an empty table or string.</summary>
    private static bool NonEmpty(JsonObject r, string field) => r[field] switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        JsonValue v => v.GetValueKind() != System.Text.Json.JsonValueKind.Null && FieldChecks.AsString(v) != "",
        _ => true,
    };

    private static List<string> Protocols(JsonNode? v) =>
        v is JsonArray a ? a.Select(FieldChecks.AsString).OfType<string>().ToList() : [];

    /// <summary>typedefs.router_path, in Kong's validator order: match_none, match_any, custom_validator.</summary>
    internal static string? PathError(string path)
    {
        if (path.Length == 0)
        {
            return "length must be at least 1";
        }
        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "must not have empty segments";
        }
        if (!path.StartsWith('/') && !path.StartsWith("~/", StringComparison.Ordinal))
        {
            return "should start with: / (fixed path) or ~/ (regex path)";
        }
        if (UriPath.Validate(path) is { Percent: true } pct)
        {
            return pct.Message;
        }
        if (!path.StartsWith('~'))
        {
            var normalized = UriPath.Normalize(path);
            return path == normalized ? null : $"non-normalized path, consider use '{normalized}' instead";
        }
        var regex = path[1..];
        return PcreRegex.CompileError(regex) is { } err ? $"invalid regex: '{regex}' (PCRE returned: {err})" : null;
    }

    /// <summary>typedefs.hosts: at most one wildcard, leftmost or rightmost label, then a host with optional port.</summary>
    internal static string? HostError(string host)
    {
        if (host.Count(c => c == '*') > 1)
        {
            return "invalid wildcard: must have at most one wildcard";
        }
        if (host.Contains('*') && !host.StartsWith("*.", StringComparison.Ordinal) && !host.EndsWith(".*", StringComparison.Ordinal))
        {
            return "invalid wildcard: must be placed at leftmost or rightmost label";
        }
        return FieldChecks.NormalizeIp(host.Replace("*", "abc", StringComparison.Ordinal)) is null ? $"invalid value: {host}" : null;
    }

    private static string? HeadersError(JsonNode v)
    {
        if (v is not JsonObject o)
        {
            return FieldChecks.ExpectedMap;
        }
        foreach (var (name, values) in o)
        {
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                return "cannot contain 'host' header, which must be specified in the 'hosts' attribute";
            }
            if (!HeaderNameRegex().IsMatch(name))
            {
                return $"bad header name '{name}', allowed characters are A-Z, a-z, 0-9, '_', and '-'";
            }
            if (values is not JsonArray a)
            {
                return FieldChecks.ExpectedArray;
            }
            if (a.Any(x => FieldChecks.AsString(x) is null))
            {
                return FieldChecks.ExpectedString;
            }
        }
        return null;
    }

    [GeneratedRegex("^[A-Z]+$")]
    private static partial Regex MethodRegex();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex HeaderNameRegex();
}
