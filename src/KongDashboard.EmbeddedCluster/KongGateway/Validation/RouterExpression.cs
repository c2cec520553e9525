namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// A light parse of an ATC router expression (the real one is Rust, kong/router/atc.lua → resty.router):
/// non-empty, balanced parentheses, terminated strings, and every predicate has an operator.
/// Kong reports failures as "Router Expression failed validation: …" (routes.lua validate_route).
/// </summary>
internal static class RouterExpression
{
    private static readonly string[] Operators = ["==", "!=", "~", "^=", "=^", ">=", "<=", ">", "<", " in ", " not in ", " contains "];

    public static string? Error(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return "expression is empty";
        }
        var depth = 0;
        var inString = false;
        var rawHashes = -1; // r#"…"# raw strings
        var outside = new System.Text.StringBuilder();
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (inString)
            {
                if (rawHashes >= 0)
                {
                    if (c == '"' && expression.AsSpan(i + 1).StartsWith(new string('#', rawHashes)))
                    {
                        inString = false;
                        i += rawHashes;
                        outside.Append("S");
                    }
                }
                else if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                    outside.Append("S");
                }
                continue;
            }
            if (c == 'r' && i + 1 < expression.Length && expression[i + 1] is '#' or '"')
            {
                var j = i + 1;
                while (j < expression.Length && expression[j] == '#')
                {
                    j++;
                }
                if (j < expression.Length && expression[j] == '"')
                {
                    rawHashes = j - i - 1;
                    inString = true;
                    i = j;
                    continue;
                }
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    rawHashes = -1;
                    break;
                case '(':
                    depth++;
                    outside.Append(c);
                    break;
                case ')':
                    if (--depth < 0)
                    {
                        return $"unbalanced ')' at position {i + 1}";
                    }
                    outside.Append(c);
                    break;
                default:
                    outside.Append(c);
                    break;
            }
        }
        if (inString)
        {
            return "unterminated string literal";
        }
        if (depth != 0)
        {
            return "missing closing parenthesis";
        }
        foreach (var predicate in outside.ToString().Split(["&&", "||", "(", ")", "!("], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (predicate.Trim('!', ' ').Length > 0 && !Operators.Any(o => (" " + predicate + " ").Contains(o, StringComparison.Ordinal)))
            {
                return $"predicate '{predicate}' has no operator";
            }
        }
        return null;
    }
}
