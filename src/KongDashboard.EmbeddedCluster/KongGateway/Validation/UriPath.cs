using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>Path checks of kong/db/schema/typedefs.lua (validate_path) and kong/tools/uri.lua (normalize).</summary>
internal static partial class UriPath
{
    /// <summary>typedefs.lua validate_path: RFC 3986 characters, then percent-encoding.</summary>
    public static (string Message, bool Percent)? Validate(string path)
    {
        if (!Rfc3986Regex().IsMatch(path))
        {
            return ($"invalid path: '{path}' (characters outside of the reserved list of RFC 3986 found)", false);
        }
        var raw = PercentRegex().Replace(path, "___");
        var pct = raw.IndexOf('%');
        if (pct >= 0)
        {
            var bad = raw.Substring(pct, Math.Min(3, raw.Length - pct));
            return ($"invalid url-encoded value: '{bad}'", true);
        }
        return null;
    }

    /// <summary>kong/tools/uri.lua normalize(path, true): decode unreserved escapes, upper-case the rest, drop dot segments.</summary>
    public static string Normalize(string path)
    {
        var decoded = PercentRegex().Replace(path, m =>
        {
            var ch = (char)int.Parse(m.Value.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_' or '~' ? ch.ToString() : m.Value.ToUpperInvariant();
        });
        var output = new List<string>();
        var segments = decoded.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s == ".")
            {
                if (i == segments.Length - 1)
                {
                    output.Add("");
                }
                continue;
            }
            if (s == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
                if (i == segments.Length - 1)
                {
                    output.Add("");
                }
                continue;
            }
            output.Add(s);
        }
        var sb = new StringBuilder();
        foreach (var s in output)
        {
            sb.Append('/').Append(s);
        }
        return sb.Length == 0 ? "/" : sb.ToString();
    }

    [GeneratedRegex(@"^/[A-Za-z0-9.\-_~/%:@!$&'()*+,;=]*$")]
    private static partial Regex Rfc3986Regex();

    [GeneratedRegex("%[0-9A-Fa-f]{2}")]
    private static partial Regex PercentRegex();
}
