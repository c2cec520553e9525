using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>kong/db/schema/entities/services.lua.</summary>
internal sealed class ServiceValidator : IEntityValidator
{
    private const long MaxTimeout = 2147483646; // math.pow(2, 31) - 2

    public IReadOnlyDictionary<string, FieldRule> Fields { get; } = CommonFields.With(
        ("name", Rules.Name),
        ("retries", Rules.Int(0, 32767)),
        ("protocol", Rules.OneOf(KongProtocols.All)),
        ("host", Rules.Str(FieldChecks.Host)),
        ("port", Rules.Int(0, 65535)),
        ("path", Rules.Str(PathError)),
        ("connect_timeout", Rules.Int(1, MaxTimeout)),
        ("write_timeout", Rules.Int(1, MaxTimeout)),
        ("read_timeout", Rules.Int(1, MaxTimeout)),
        ("client_certificate", Rules.Foreign),
        ("tls_verify", Rules.Bool),
        ("tls_verify_depth", Rules.Int(0, 64)),
        ("ca_certificates", Rules.Strings(s => FieldChecks.IsUuid(s) ? null : FieldChecks.ExpectedUuid, set: false)),
        ("enabled", Rules.Bool),
        ("url", Rules.Str()));

    public IReadOnlyList<string> Required { get; } = ["host"];

    /// <summary>typedefs.path: starts_with "/", match_none "//", then RFC 3986 / percent checks.</summary>
    private static string? PathError(string path)
    {
        if (!path.StartsWith('/'))
        {
            return "should start with: /";
        }
        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "must not have empty segments";
        }
        return UriPath.Validate(path)?.Message;
    }

    public void CheckEntity(JsonObject s, EntityErrors errors)
    {
        var protocol = FieldChecks.AsString(s["protocol"]) ?? "http";
        // services.lua entity_checks (conditional → field "value must be null" + entity message)
        if (protocol is "tcp" or "tls" or "udp" or "grpc" or "grpcs")
        {
            NullWhen(s, "path", errors);
        }
        if (protocol != "https")
        {
            NullWhen(s, "client_certificate", errors);
            NullWhen(s, "tls_verify", errors);
            NullWhen(s, "ca_certificates", errors);
        }
    }

    private static void NullWhen(JsonObject s, string field, EntityErrors errors)
    {
        if (!FieldChecks.IsNull(s[field]))
        {
            errors.Field(field, "value must be null");
            errors.EntityError("failed conditional validation given value of field 'protocol'");
        }
    }

    /// <summary>services.lua shorthands.url: expands "url" into protocol/host/port/path.</summary>
    public static void ExpandUrl(JsonObject s)
    {
        if (FieldChecks.AsString(s["url"]) is not { } url)
        {
            return;
        }
        s.Remove("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u))
        {
            s["host"] = null;
            return;
        }
        s["protocol"] = u.Scheme;
        s["host"] = u.Host.Trim('[', ']');
        s["port"] = u.IsDefaultPort ? (u.Scheme == "https" ? 443 : 80) : u.Port;
        if (u.AbsolutePath is { Length: > 0 } p && !(p == "/" && !url.EndsWith('/')))
        {
            s["path"] = p;
        }
    }
}
