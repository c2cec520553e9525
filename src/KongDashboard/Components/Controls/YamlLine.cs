using System.Text.RegularExpressions;

namespace KongDashboard.Components.Controls;

/// <summary>One YAML line split for display colouring; a deliberately tiny lexer (keys, comments), not a parser.</summary>
internal sealed partial record YamlLine(string Indent, string? Key, string Rest, bool IsComment)
{
    public static IEnumerable<YamlLine> Split(string text)
    {
        foreach (var raw in text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            if (raw.TrimStart().StartsWith('#'))
            {
                yield return new YamlLine("", null, raw, IsComment: true);
                continue;
            }

            var match = KeyPattern().Match(raw);
            yield return match.Success
                ? new YamlLine(match.Groups["indent"].Value, match.Groups["key"].Value, match.Groups["rest"].Value, IsComment: false)
                : new YamlLine("", null, raw, IsComment: false);
        }
    }

    // indent (spaces and list dashes), then a plain or quoted key followed by ':' and a space or end of line.
    [GeneratedRegex("""^(?<indent>[\s-]*)(?<key>(?:"[^"]*"|'[^']*'|[^\s:#'"][^:#]*?):)(?<rest>(?:\s.*)?)$""")]
    private static partial Regex KeyPattern();
}
