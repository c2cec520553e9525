using System.Text.RegularExpressions;

namespace KongDashboard.EmbeddedCluster.Store.Validation;

/// <summary>
/// apimachinery/pkg/util/validation/validation.go (v0.32.13): each check returns the messages the real server prints
/// after <c>Invalid value: "&lt;v&gt;": </c>. The double space before "or" comes from RegexError's join.
/// </summary>
public static partial class NameRules
{
    private const string Dns1123SubdomainFmt = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
    private const string WildcardFmt = @"\*\." + Dns1123SubdomainFmt;

    private const string QualifiedNameMsg =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    [GeneratedRegex("^" + Dns1123SubdomainFmt + "$")] private static partial Regex Dns1123Subdomain();
    [GeneratedRegex("^" + Dns1123LabelFmt + "$")] private static partial Regex Dns1123Label();
    [GeneratedRegex("^" + Dns1035LabelFmt + "$")] private static partial Regex Dns1035Label();
    [GeneratedRegex("^" + QualifiedNameFmt + "$")] private static partial Regex QualifiedName();
    [GeneratedRegex("^" + LabelValueFmt + "$")] private static partial Regex LabelValue();
    [GeneratedRegex("^" + WildcardFmt + "$")] private static partial Regex WildcardSubdomain();
    [GeneratedRegex("^[-._a-zA-Z0-9]+$")] private static partial Regex ConfigKey();

    public static string MaxLen(int n) => $"must be no more than {n} characters";

    private static string RegexError(string msg, string fmt, params string[] examples) =>
        examples.Length == 0
            ? $"{msg} (regex used for validation is '{fmt}')"
            : $"{msg} (e.g. {string.Join(",  or ", examples.Select(e => $"'{e}'"))}, regex used for validation is '{fmt}')";

    public static List<string> IsDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add(MaxLen(253));
        }

        if (!Dns1123Subdomain().IsMatch(value))
        {
            errors.Add(RegexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                Dns1123SubdomainFmt, "example.com"));
        }

        return errors;
    }

    public static List<string> IsDns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add(MaxLen(63));
        }

        if (!Dns1123Label().IsMatch(value))
        {
            errors.Add(Dns1123Subdomain().IsMatch(value)
                ? "must not contain dots"
                : RegexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                    Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errors;
    }

    public static List<string> IsDns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add(MaxLen(63));
        }

        if (!Dns1035Label().IsMatch(value))
        {
            errors.Add(RegexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                Dns1035LabelFmt, "my-name", "abc-123"));
        }

        return errors;
    }

    public static List<string> IsWildcardDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add(MaxLen(253));
        }

        if (!WildcardSubdomain().IsMatch(value))
        {
            errors.Add(RegexError("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
                WildcardFmt, "*.example.com"));
        }

        return errors;
    }

    /// <summary>Label and annotation keys, finalizers: optional DNS-subdomain prefix, '/', name part (lines 42-71).</summary>
    public static List<string> IsQualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    errors.AddRange(IsDns1123Subdomain(parts[0]).Select(m => "prefix part " + m));
                }

                break;
            default:
                errors.Add("a qualified name " + RegexError(QualifiedNameMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc") +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }
        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errors.Add("name part " + MaxLen(63));
        }

        if (!QualifiedName().IsMatch(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    public static List<string> IsValidLabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add(MaxLen(63));
        }

        if (!LabelValue().IsMatch(value))
        {
            errors.Add(RegexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                LabelValueFmt, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>ConfigMap and Secret data keys (lines 481-491, 534-545).</summary>
    public static List<string> IsConfigMapKey(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add(MaxLen(253));
        }

        if (!ConfigKey().IsMatch(value))
        {
            errors.Add(RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name"));
        }

        if (value == ".")
        {
            errors.Add("must not be '.'");
        }
        else if (value == "..")
        {
            errors.Add("must not be '..'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Add("must not start with '..'");
        }

        return errors;
    }

    /// <summary>IANA_SVC_NAME port names (lines 352-370).</summary>
    public static List<string> IsValidPortName(string value)
    {
        var errors = new List<string>();
        if (value.Length > 15)
        {
            errors.Add(MaxLen(15));
        }

        if (!value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!value.Any(c => c is >= 'a' and <= 'z'))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (value.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (value.Length > 0 && (value[0] == '-' || value[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    public static List<string> IsValidPortNum(long port) =>
        port is >= 1 and <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];

    /// <summary>apimachinery/pkg/api/validation/path/name.go:31-62, applied to every object name.</summary>
    public static List<string> IsValidPathSegmentName(string name)
    {
        if (name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }

        var errors = new List<string>();
        if (name.Contains('/'))
        {
            errors.Add("may not contain '/'");
        }

        if (name.Contains('%'))
        {
            errors.Add("may not contain '%'");
        }

        return errors;
    }
}
