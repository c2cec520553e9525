using System.Text;
using System.Text.RegularExpressions;

namespace KongDashboard.Core.Translation.Ingress;

/// <summary>Ingress path → Kong route paths (subtranslator/ingress.go: PathsFromIngressPaths, MaybePrependRegexPrefix).</summary>
internal static partial class IngressPaths
{
    public const string KongRegexPrefix = "~";
    public const string ControllerRegexPrefix = "/~";
    public const string Prefix = "Prefix";
    public const string Exact = "Exact";
    public const string ImplementationSpecific = "ImplementationSpecific";

    /// <summary><c>//a///b</c> → <c>/a/b</c> (flattenMultipleSlashes).</summary>
    public static string FlattenSlashes(string path)
    {
        if (!path.Contains("//", StringComparison.Ordinal))
        {
            return path;
        }
        var sb = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '/')
            {
                while (i < path.Length - 1 && path[i + 1] == '/')
                {
                    i++;
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    public static void AddKongPaths(List<string> into, string path, string pathType, string regexPrefix, bool legacyRegexDetection)
    {
        var start = into.Count;
        switch (pathType)
        {
            case Prefix:
                var trimmed = path.Trim('/');
                if (trimmed.Length == 0)
                {
                    into.Add("/");
                }
                else
                {
                    into.Add("/" + trimmed + "/");
                    into.Add(KongRegexPrefix + "/" + trimmed + "$");
                }
                break;
            case Exact:
                into.Add(KongRegexPrefix + "/" + path.TrimStart('/') + "$");
                break;
            case ImplementationSpecific:
                into.Add(path.Length == 0 ? "/" : path);
                break;
            default:
                return;
        }
        for (var i = start; i < into.Count; i++)
        {
            into[i] = MaybePrependRegexPrefix(into[i], regexPrefix, legacyRegexDetection);
        }
    }

    public static string MaybePrependRegexPrefix(string path, string controllerPrefix, bool legacyHeuristic)
    {
        if (path.StartsWith(controllerPrefix, StringComparison.Ordinal))
        {
            return KongRegexPrefix + path[controllerPrefix.Length..];
        }
        if (legacyHeuristic && !LegacyPlainPath().IsMatch(path) && !path.StartsWith(KongRegexPrefix, StringComparison.Ordinal))
        {
            return KongRegexPrefix + path;
        }
        return path;
    }

    // Kong < 3.0: a path matching this is NOT a regex.
    [GeneratedRegex(@"^[a-zA-Z0-9\.\-_~/%]*$")]
    private static partial Regex LegacyPlainPath();
}
