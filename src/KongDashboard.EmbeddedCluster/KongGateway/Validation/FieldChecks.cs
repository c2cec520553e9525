using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// Field-level validators with Kong's messages (kong/db/schema/init.lua validation_errors,
/// kong/db/schema/typedefs.lua). Each returns null when the value is valid.
/// </summary>
internal static partial class FieldChecks
{
    // kong/db/schema/init.lua validation_errors
    public const string Required = "required field missing";
    public const string Unknown = "unknown field";
    public const string ExpectedString = "expected a string";
    public const string ExpectedInteger = "expected an integer";
    public const string ExpectedNumber = "expected a number";
    public const string ExpectedBoolean = "expected a boolean";
    public const string ExpectedArray = "expected an array";
    public const string ExpectedSet = "expected a set";
    public const string ExpectedMap = "expected a map";
    public const string ExpectedRecord = "expected a record";
    public const string ExpectedUuid = "expected a valid UUID";

    public static bool IsNull(JsonNode? n) => n is null || n.GetValueKind() == JsonValueKind.Null;

    public static string? AsString(JsonNode? n) =>
        n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool TryInteger(JsonNode? n, out long value)
    {
        value = 0;
        if (n is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        var d = v.GetValue<double>();
        if (Math.Floor(d) != d)
        {
            return false;
        }
        value = (long)d;
        return true;
    }

    /// <summary>typedefs: integer with "between" (message "value should be between %d and %d").</summary>
    public static string? IntegerBetween(JsonNode? n, long min, long max)
    {
        if (!TryInteger(n, out var v))
        {
            return ExpectedInteger;
        }
        return v < min || v > max ? $"value should be between {min} and {max}" : null;
    }

    public static string? NumberBetween(JsonNode? n, double min, double max)
    {
        if (n is not JsonValue jv || jv.GetValueKind() != JsonValueKind.Number)
        {
            return ExpectedNumber;
        }
        var v = jv.GetValue<double>();
        return v < min || v > max ? $"value should be between {min} and {max}" : null;
    }

    public static string? Boolean(JsonNode? n) =>
        n is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : ExpectedBoolean;

    /// <summary>"one_of" (message "expected one of: a, b").</summary>
    public static string? OneOf(JsonNode? n, params string[] options)
    {
        var s = AsString(n);
        if (s is null)
        {
            return ExpectedString;
        }
        return options.Contains(s) ? null : $"expected one of: {string.Join(", ", options)}";
    }

    public static string? Uuid(JsonNode? n)
    {
        var s = AsString(n);
        if (s is null)
        {
            return ExpectedString;
        }
        return IsUuid(s) ? null : ExpectedUuid;
    }

    public static bool IsUuid(string s) => s.Length == 36 && UuidRegex().IsMatch(s);

    /// <summary>typedefs.name: "invalid value '…': it must only contain alphanumeric and '., -, _, ~' characters".</summary>
    public static string? Name(JsonNode? n)
    {
        var s = AsString(n);
        if (s is null)
        {
            return ExpectedString;
        }
        if (s.Length == 0)
        {
            return "length must be at least 1";
        }
        return NameRegex().IsMatch(s) ? null : $"invalid value '{s}': it must only contain alphanumeric and '., -, _, ~' characters";
    }

    /// <summary>typedefs.utf8_name (routes, plugin instance_name).</summary>
    public static string? Utf8Name(JsonNode? n)
    {
        var s = AsString(n);
        if (s is null)
        {
            return ExpectedString;
        }
        if (s.Length == 0)
        {
            return "length must be at least 1";
        }
        return s.All(c => c > 127 || char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~')
            ? null
            : $"invalid value '{s}': the only accepted ascii characters are alphanumerics or ., -, _, and ~";
    }

    /// <summary>typedefs.tag: printable ASCII except ',' and '/', or non-ASCII.</summary>
    public static string? Tag(string tag) =>
        tag.Length > 0 && tag.All(c => c > 127 || (c >= 33 && c <= 126 && c != ',' && c != '/') || c == ' ')
            ? null
            : $"invalid tag '{tag}': expected printable ascii (except `,` and `/`) or valid utf-8 sequences";

    /// <summary>typedefs.host (services): a name or IP without port.</summary>
    public static string? Host(string host)
    {
        var p = NormalizeIp(host);
        if (p is null)
        {
            return $"invalid value: {host}";
        }
        return p.Value.Port is not null ? "must not have a port" : null;
    }

    /// <summary>Kong's utils.normalize_ip: hostname, IPv4 or [IPv6] with an optional port.</summary>
    public static (string Type, int? Port)? NormalizeIp(string s)
    {
        if (s.Length == 0)
        {
            return null;
        }
        string host = s;
        int? port = null;
        if (s.StartsWith('['))
        {
            var end = s.IndexOf(']');
            if (end < 0)
            {
                return null;
            }
            host = s[1..end];
            var rest = s[(end + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':') || !int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var pp) || pp > 65535)
                {
                    return null;
                }
                port = pp;
            }
            return IPAddress.TryParse(host, out var a6) && a6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? ("ipv6", port) : null;
        }
        if (s.Count(c => c == ':') > 1)
        {
            return IPAddress.TryParse(s, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? ("ipv6", null) : null;
        }
        var colon = s.IndexOf(':');
        if (colon >= 0)
        {
            host = s[..colon];
            if (!int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pp) || pp > 65535)
            {
                return null;
            }
            port = pp;
        }
        if (Ipv4Regex().IsMatch(host))
        {
            return IPAddress.TryParse(host, out _) && host.Split('.').All(o => int.Parse(o, CultureInfo.InvariantCulture) <= 255) ? ("ipv4", port) : null;
        }
        return HostnameRegex().IsMatch(host) ? ("name", port) : null;
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex UuidRegex();

    [GeneratedRegex(@"^[A-Za-z0-9.\-_~]+$")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex Ipv4Regex();

    // Kong's hostname check (kong/tools/ip.lua hostname_type): labels of letters, digits, '-', '_' separated by dots.
    [GeneratedRegex(@"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*\.?$")]
    private static partial Regex HostnameRegex();
}
