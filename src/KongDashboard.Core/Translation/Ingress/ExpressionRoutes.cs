using System.Text;

namespace KongDashboard.Core.Translation.Ingress;

/// <summary>
/// Expressions-router matchers and priorities for Ingress routes (subtranslator/ingress_atc.go, atc_utils.go and
/// translator/atc/{matcher,predicate}.go).
/// </summary>
internal static class ExpressionRoutes
{
    private const int FromResourceKindShift = 44;
    private const ulong ResourceKindIngress = 3;

    /// <summary>A matcher: a predicate string, or And/Or over sub-matchers (empty ones dropped).</summary>
    internal abstract record Matcher
    {
        public abstract string Expression();
        public virtual bool IsEmpty => false;
    }

    internal sealed record Predicate(string Field, string Op, string Value) : Matcher
    {
        public override string Expression() => $"{Field} {Op} {Quote(Value)}";
    }

    internal sealed record Group(string Joiner, List<Matcher> Subs) : Matcher
    {
        public override bool IsEmpty => Subs.Count == 0;

        public override string Expression() =>
            Subs.Count == 1 ? Subs[0].Expression() : string.Join(Joiner, Subs.Select(s => "(" + s.Expression() + ")"));
    }

    public static Group And(params IEnumerable<Matcher?> subs) => new(" && ", subs.Where(s => s is { IsEmpty: false }).Select(s => s!).ToList());

    public static Group Or(params IEnumerable<Matcher?> subs) => new(" || ", subs.Where(s => s is { IsEmpty: false }).Select(s => s!).ToList());

    private static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    /// <summary>(expression, priority) for the route built from <paramref name="paths"/> of one Ingress rule host.</summary>
    public static (string Expression, ulong Priority) ForIngressRoute(
        IReadOnlyList<(string Path, string PathType)> paths, string host, IDictionary<string, string>? annotations)
    {
        var regexPrefix = Annotations.Get(annotations, Annotations.RegexPrefix);
        if (string.IsNullOrEmpty(regexPrefix))
        {
            regexPrefix = IngressPaths.ControllerRegexPrefix;
        }

        var matcher = And();
        var hosts = new List<string>();
        if (host.Length > 0)
        {
            hosts.Add(host);
        }

        var aliases = Annotations.List(annotations, Annotations.HostAliases);
        if (aliases is not null)
        {
            hosts.AddRange(aliases);
        }

        if (hosts.Count > 0)
        {
            matcher.Subs.Add(HostMatcher(hosts));
        }
        AddIfNotEmpty(matcher, Or(paths.Select(p => PathMatcher(p.Path, p.PathType, regexPrefix))));

        var headers = Annotations.Headers(annotations);
        if (headers is not null)
        {
            AddIfNotEmpty(matcher, HeaderMatcher(headers));
        }
        var methods = RouteAnnotations.ParseMethods(annotations);
        if (methods is { Length: > 0 })
        {
            AddIfNotEmpty(matcher, Or(methods.Where(m => RouteAnnotations.ValidMethod().IsMatch(m)).Select(m => new Predicate("http.method", "==", m))));
        }
        var hasSnis = annotations is not null && annotations.ContainsKey(Annotations.Snis);
        var snis = Annotations.List(annotations, Annotations.Snis);
        if (hasSnis && snis is { Length: > 0 })
        {
            AddIfNotEmpty(matcher, Or(snis.Where(s => RouteAnnotations.ValidSni().IsMatch(s)).Select(s => new Predicate("tls.sni", "==", s))));
        }

        // calculateIngressRoutePriorityTraits
        int matchFields = 0, maxPathLength = 0, headerCount = 0;
        bool hasRegex = false, plainHostOnly = false;
        if (paths.Count > 0)
        {
            matchFields++;
        }

        foreach (var (path, type) in paths)
        {
            int length;
            switch (type)
            {
                case IngressPaths.Exact:
                    hasRegex = true;
                    length = 1 + path.TrimStart('/').Length;
                    break;
                case IngressPaths.Prefix:
                    hasRegex = true;
                    var trimmed = path.Trim('/');
                    length = trimmed.Length == 0 ? 1 : 2 + trimmed.Length;
                    break;
                case IngressPaths.ImplementationSpecific:
                    if (path.StartsWith(regexPrefix, StringComparison.Ordinal))
                    {
                        hasRegex = true;
                        length = path.Length - regexPrefix.Length;
                    }
                    else
                    {
                        length = path.Length;
                    }
                    break;
                default:
                    length = 0;
                    break;
            }
            maxPathLength = Math.Max(maxPathLength, length);
        }
        if (hosts.Count > 0)
        {
            matchFields++;
            plainHostOnly = !hosts.Any(h => h.StartsWith('*'));
        }
        if (headers is not null)
        {
            matchFields++;
            headerCount = headers.Count;
        }
        if (methods is { Length: > 0 })
        {
            matchFields++;
        }

        if (hasSnis && snis is { Length: > 0 })
        {
            matchFields++;
        }

        ulong priority = (ulong)Math.Min(maxPathLength, (1 << 16) - 1);
        if (hasRegex)
        {
            priority += 1UL << 16;
        }

        if (plainHostOnly)
        {
            priority += 1UL << 32;
        }

        priority += (ulong)Math.Min(headerCount, 255) << 33;
        priority += (ulong)matchFields << 41;
        priority += ResourceKindIngress << FromResourceKindShift;
        return (matcher.Expression(), priority);
    }

    /// <summary>The default-backend route: everything, lowest priority.</summary>
    public static (string Expression, ulong Priority) ForDefaultBackend() =>
        (new Predicate("http.path", "^=", "/").Expression(), 0);

    private static void AddIfNotEmpty(Group into, Matcher m)
    {
        if (!m.IsEmpty)
        {
            into.Subs.Add(m);
        }
    }

    private static Matcher HostMatcher(List<string> hosts) => Or(hosts
        .Where(h => RouteAnnotations.ValidHost().IsMatch(h))
        .Select(h => h.StartsWith('*') ? new Predicate("http.host", "=^", h[1..]) : new Predicate("http.host", "==", h)));

    private static Matcher PathMatcher(string path, string pathType, string regexPrefix)
    {
        switch (pathType)
        {
            case IngressPaths.Prefix:
                var trimmed = path.Trim('/');
                return trimmed.Length == 0
                    ? new Predicate("http.path", "^=", "/")
                    : Or(new Predicate("http.path", "==", "/" + trimmed), new Predicate("http.path", "^=", "/" + trimmed + "/"));
            case IngressPaths.Exact:
                return new Predicate("http.path", "==", "/" + path.TrimStart('/'));
            case IngressPaths.ImplementationSpecific:
                if (path.Length == 0)
                {
                    return new Predicate("http.path", "^=", "/");
                }
                if (path.StartsWith(regexPrefix, StringComparison.Ordinal))
                {
                    var regex = path[regexPrefix.Length..];
                    if (regex.Length == 0)
                    {
                        regex = "^/";
                    }

                    if (!regex.StartsWith('^'))
                    {
                        regex = "^" + regex;
                    }

                    return new Predicate("http.path", "~", regex);
                }
                return new Predicate("http.path", "^=", path);
            default:
                return Or();
        }
    }

    private static Matcher HeaderMatcher(SortedDictionary<string, IReadOnlyList<string>> headers)
    {
        var matchers = new List<Matcher>();
        foreach (var (name, values) in headers)
        {
            if (values.Count == 0)
            {
                continue;
            }

            var field = name.ToLowerInvariant().Replace('-', '_');
            if (field == "host")
            {
                continue;
            }

            matchers.Add(Or(values.Select(v => v.StartsWith("~*", StringComparison.Ordinal)
                ? new Predicate("http.headers." + field, "~", v[2..])
                : new Predicate("http.headers." + field, "==", v))));
        }
        return And(matchers);
    }
}
