using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>Parses and evaluates the labelSelector query syntax (=, ==, !=, in, notin, exists, !exists).</summary>
public sealed class LabelSelector
{
    private enum Op { Equals, NotEquals, In, NotIn, Exists, NotExists }

    private sealed record Requirement(string Key, Op Op, IReadOnlyList<string> Values);

    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        foreach (var raw in SplitTopLevel(selector))
        {
            var term = raw.Trim();
            if (term.Length == 0)
            {
                continue;
            }

            requirements.Add(ParseTerm(term));
        }
        return new LabelSelector(requirements);
    }

    /// <summary>Builds a selector from a Service/Deployment style map (all keys must be equal).</summary>
    public static LabelSelector FromMatchLabels(JsonObject? matchLabels)
    {
        if (matchLabels is null)
        {
            return Everything;
        }

        return new LabelSelector(matchLabels
            .Select(p => new Requirement(p.Key, Op.Equals, [p.Value?.ToString() ?? ""]))
            .ToList());
    }

    public bool Matches(JsonObject? labels)
    {
        foreach (var r in _requirements)
        {
            var has = labels is not null && labels.TryGetPropertyValue(r.Key, out var node) && node is not null;
            var value = has ? labels![r.Key]!.ToString() : null;
            var ok = r.Op switch
            {
                Op.Equals => has && value == r.Values[0],
                Op.NotEquals => !has || value != r.Values[0],
                Op.In => has && r.Values.Contains(value!),
                Op.NotIn => !has || !r.Values.Contains(value!),
                Op.Exists => has,
                Op.NotExists => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static Requirement ParseTerm(string term)
    {
        if (term.StartsWith('!'))
        {
            return new(Key(term[1..]), Op.NotExists, []);
        }

        var setMatch = System.Text.RegularExpressions.Regex.Match(term, @"^(\S+)\s+(in|notin)\s*\((.*)\)$");
        if (setMatch.Success)
        {
            var values = setMatch.Groups[3].Value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            return new(Key(setMatch.Groups[1].Value), setMatch.Groups[2].Value == "in" ? Op.In : Op.NotIn, values);
        }
        foreach (var (token, op) in new[] { ("!=", Op.NotEquals), ("==", Op.Equals), ("=", Op.Equals) })
        {
            var i = term.IndexOf(token, StringComparison.Ordinal);
            if (i > 0)
            {
                return new(Key(term[..i]), op, [term[(i + token.Length)..].Trim()]);
            }
        }
        return new(Key(term), Op.Exists, []);
    }

    private static string Key(string key)
    {
        key = key.Trim();
        if (key.Length == 0 || key.Any(char.IsWhiteSpace) || key.IndexOfAny(['(', ')', '=', '!']) >= 0)
        {
            throw ApiException.BadRequest($"unable to parse requirement: invalid label key \"{key}\"");
        }

        return key;
    }

    /// <summary>Splits on commas that are not inside an in/notin value list.</summary>
    private static IEnumerable<string> SplitTopLevel(string s)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '(')
            {
                depth++;
            }
            else if (s[i] == ')')
            {
                depth--;
            }
            else if (s[i] == ',' && depth == 0)
            {
                yield return s[start..i];
                start = i + 1;
            }
        }
        yield return s[start..];
    }
}
