using System.Text;
using System.Text.RegularExpressions;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// Best-effort dry-run of a PCRE2 pattern with .NET's engine, the way Kong dry-runs regex paths
/// (typedefs.lua validate_path_with_regexes: ngx.re.find("", path, "aj") → "invalid regex: '…' (PCRE returned: …)").
/// </summary>
internal static class PcreRegex
{
    // Configurations are re-sent whole on every change: remember each pattern's verdict instead of compiling it again.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Verdicts = new(StringComparer.Ordinal);

    /// <summary>Returns null if the pattern compiles, else the PCRE2-style compile error text.</summary>
    public static string? CompileError(string pattern)
    {
        if (Verdicts.Count > 100_000)
        {
            Verdicts.Clear();
        }

        return Verdicts.GetOrAdd(pattern, Compile);
    }

    private static string? Compile(string pattern)
    {
        try
        {
            _ = new Regex(Translate(pattern), RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (RegexParseException e)
        {
            return $"pcre2_compile() failed: {PcreMessage(e)} in \"{pattern}\"";
        }
        catch (ArgumentException e)
        {
            return $"pcre2_compile() failed: {e.Message} in \"{pattern}\"";
        }
    }

    // The usual PCRE2 texts for the errors .NET can tell apart.
    private static string PcreMessage(RegexParseException e) => e.Error switch
    {
        RegexParseError.InsufficientClosingParentheses => "missing closing parenthesis",
        RegexParseError.InsufficientOpeningParentheses => "unmatched closing parenthesis",
        RegexParseError.UnterminatedBracket => "missing terminating ] for character class",
        RegexParseError.QuantifierAfterNothing => "quantifier does not follow a repeatable item",
        RegexParseError.NestedQuantifiersNotParenthesized => "quantifier does not follow a repeatable item",
        RegexParseError.ReversedCharacterRange => "range out of order in character class",
        RegexParseError.ReversedQuantifierRange => "numbers out of order in {} quantifier",
        RegexParseError.UnescapedEndingBackslash => "\\ at end of pattern",
        RegexParseError.InvalidGroupingConstruct => "unrecognized character after (? or (?-",
        _ => e.Message,
    };

    /// <summary>Rewrites the PCRE-only syntax KIC users write into .NET equivalents.</summary>
    internal static string Translate(string p)
    {
        var sb = new StringBuilder(p.Length);
        var inClass = false;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                var n = p[i + 1];
                if (n == 'Q')
                {
                    // \Q…\E literal span
                    var end = p.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                    var lit = end < 0 ? p[(i + 2)..] : p[(i + 2)..end];
                    sb.Append(Regex.Escape(lit));
                    i = end < 0 ? p.Length : end + 1;
                    continue;
                }
                if (n == 'h')
                {
                    sb.Append(inClass ? @" \t" : @"[ \t]");
                    i++;
                    continue;
                }
                if (n == 'x' && i + 2 < p.Length && p[i + 2] == '{')
                {
                    var end = p.IndexOf('}', i + 3);
                    if (end > 0 && int.TryParse(p[(i + 3)..end], System.Globalization.NumberStyles.HexNumber, null, out var cp) && cp <= 0xFFFF)
                    {
                        sb.Append($"\\u{cp:X4}");
                        i = end;
                        continue;
                    }
                }
                sb.Append(c).Append(n);
                i++;
                continue;
            }
            if (!inClass && c == '(' && p.AsSpan(i).StartsWith("(?P<"))
            {
                sb.Append("(?<");
                i += 3;
                continue;
            }
            if (inClass && c == '[' && p.AsSpan(i).StartsWith("[:"))
            {
                var end = p.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (end > 0)
                {
                    sb.Append(PosixClass(p[(i + 2)..end]));
                    i = end + 1;
                    continue;
                }
            }
            if (c == '[' && !inClass)
            {
                inClass = true;
                sb.Append(c);
                // a leading ']' (or '^]') is literal in PCRE
                if (i + 1 < p.Length && p[i + 1] == '^')
                {
                    sb.Append('^');
                    i++;
                }
                if (i + 1 < p.Length && p[i + 1] == ']')
                {
                    sb.Append("\\]");
                    i++;
                }
                continue;
            }
            if (c == ']' && inClass)
            {
                inClass = false;
            }
            // possessive quantifiers (a*+, a++, a?+) → greedy: same language for a dry run
            if (!inClass && c == '+' && i > 0 && p[i - 1] is '*' or '+' or '?' or '}' && (i < 2 || p[i - 2] != '\\'))
            {
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string PosixClass(string name) => name switch
    {
        "alpha" => "a-zA-Z",
        "digit" => "0-9",
        "alnum" => "a-zA-Z0-9",
        "upper" => "A-Z",
        "lower" => "a-z",
        "space" => @"\s",
        "xdigit" => "0-9A-Fa-f",
        "word" => @"\w",
        "punct" => @"!-/:-@\[-`{-~",
        "blank" => @" \t",
        "cntrl" => @"\x00-\x1f\x7f",
        "print" => @"\x20-\x7e",
        "graph" => @"\x21-\x7e",
        _ => "",
    };
}
