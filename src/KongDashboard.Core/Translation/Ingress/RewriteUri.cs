using System.Text;

namespace KongDashboard.Core.Translation.Ingress;

/// <summary><c>konghq.com/rewrite</c>: <c>$N</c> → <c>$(uri_captures[N])</c>, <c>\$</c> → <c>$</c> (ingress.go: generateRewriteURIConfig).</summary>
internal static class RewriteUri
{
    public static bool TryTranslate(string uri, out string? config, out string? error)
    {
        var sb = new StringBuilder();
        var state = 'p'; // p = plain, e = escape, m = mark ($), d = digits
        for (var i = 0; i < uri.Length; i++)
        {
            var c = uri[i];
            switch (state)
            {
                case 'e':
                    if (c != '$')
                    {
                        return Fail($"unexpected {c} at pos {i}", out config, out error);
                    }

                    sb.Append(c);
                    state = 'p';
                    break;
                case 'm':
                    if (!char.IsDigit(c))
                    {
                        return Fail($"unexpected {c} at pos {i}", out config, out error);
                    }

                    sb.Append("$(uri_captures[").Append(c);
                    state = 'd';
                    break;
                case 'd':
                    if (char.IsDigit(c))
                    {
                        sb.Append(c);
                        break;
                    }
                    sb.Append("])");
                    state = c == '$' ? 'm' : c == '\\' ? 'e' : 'p';
                    if (state == 'p')
                    {
                        sb.Append(c);
                    }

                    break;
                default:
                    if (c == '$')
                    {
                        state = 'm';
                    }
                    else if (c == '\\')
                    {
                        state = 'e';
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }
        if (state == 'd')
        {
            sb.Append("])");
            state = 'p';
        }
        if (state != 'p')
        {
            return Fail("unexpected end of string", out config, out error);
        }

        config = sb.ToString();
        error = null;
        return true;
    }

    private static bool Fail(string message, out string? config, out string? error)
    {
        config = null;
        error = message;
        return false;
    }
}
