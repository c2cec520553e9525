using System.Globalization;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Translation.Ingress;
using static KongDashboard.Core.Translation.Ingress.ExpressionRoutes;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// HTTPRoute with the expressions router (subtranslator/httproute_atc.go): every (hostname × rule × match) becomes a
/// route whose priority encodes the match's specificity plus a relative order among equal ones across all HTTPRoutes.
/// </summary>
internal static class HttpRouteExpressions
{
    public const string CatchAll = """(net.protocol == "http") || (net.protocol == "https")""";
    private const ulong RelativeOrderMax = (1UL << 12) - 1;

    public sealed record SplitMatch(HttpRoute Route, string Hostname, HttpRouteMatch Match, string? RuleName, int RuleIndex, int MatchIndex, ulong Priority);

    /// <summary>Split items of every HTTPRoute with their priorities, by rule key (<c>ns/name.rule</c>).</summary>
    public static Dictionary<string, List<SplitMatch>> SplitWithPriorities(IReadOnlyList<HttpRoute> routes)
    {
        var items = routes.SelectMany(Split).Select(s => s with { Priority = BasePriority(s) }).ToList();
        var result = new Dictionary<string, List<SplitMatch>>(StringComparer.Ordinal);
        foreach (var bucket in items.GroupBy(i => i.Priority))
        {
            var ordered = bucket.Count() == 1 ? bucket.ToList() : [.. bucket.Order(RelativeOrder.Instance)];
            for (var i = 0; i < ordered.Count; i++)
            {
                var item = ordered[i] with { Priority = bucket.Key + (RelativeOrderMax - Math.Min((ulong)i, RelativeOrderMax)) };
                var key = $"{item.Route.Metadata.NamespaceProperty}/{item.Route.Metadata.Name}.{item.RuleIndex.ToString(CultureInfo.InvariantCulture)}";
                if (!result.TryGetValue(key, out var list))
                {
                    result[key] = list = [];
                }

                list.Add(item);
            }
        }
        return result;
    }

    private static IEnumerable<SplitMatch> Split(HttpRoute route)
    {
        var hostnames = route.Spec?.Hostnames is { Count: > 0 } h ? h : [""];
        var rules = route.Spec?.Rules ?? [];
        foreach (var hostname in hostnames)
        {
            for (var r = 0; r < rules.Count; r++)
            {
                var matches = rules[r].Matches ?? [];
                if (matches.Count == 0)
                {
                    yield return new SplitMatch(route, hostname, new HttpRouteMatch(), rules[r].Name, r, 0, 0);
                }
                for (var m = 0; m < matches.Count; m++)
                {
                    yield return new SplitMatch(route, hostname, matches[m], rules[r].Name, r, m, 0);
                }
            }
        }
    }

    // HTTPRoutePriorityTraits.EncodeToPriority without the relative-order bits.
    private static ulong BasePriority(SplitMatch s)
    {
        ulong priority = 2UL << 44;
        if (s.Hostname.Length > 0)
        {
            if (!s.Hostname.StartsWith('*'))
            {
                priority += 1UL << 43;
            }

            priority += (ulong)System.Text.Encoding.UTF8.GetByteCount(s.Hostname) << 35;
        }
        if (s.Match.Path is { } path)
        {
            if (path.Type == "Exact")
            {
                priority += 1UL << 34;
            }

            if (path.Type == "RegularExpression")
            {
                priority += 1UL << 33;
            }

            var length = System.Text.Encoding.UTF8.GetByteCount(path.Value ?? "");
            if (length > 0)
            {
                priority += (ulong)(length - 1) << 23;
            }
        }
        priority += (ulong)(s.Match.Headers?.Count ?? 0) << 17;
        if (s.Match.Method is not null)
        {
            priority += 1UL << 22;
        }

        priority += (ulong)(s.Match.QueryParams?.Count ?? 0) << 12;
        return priority;
    }

    /// <summary>Older first, then namespace, name, rule index, match index.</summary>
    private sealed class RelativeOrder : IComparer<SplitMatch>
    {
        public static readonly RelativeOrder Instance = new();

        public int Compare(SplitMatch? a, SplitMatch? b)
        {
            var ta = a!.Route.Metadata.CreationTimestamp ?? DateTime.MinValue;
            var tb = b!.Route.Metadata.CreationTimestamp ?? DateTime.MinValue;
            if (ta != tb)
            {
                return ta.CompareTo(tb);
            }

            var c = string.CompareOrdinal(a.Route.Metadata.NamespaceProperty, b.Route.Metadata.NamespaceProperty);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(a.Route.Metadata.Name, b.Route.Metadata.Name);
            if (c != 0)
            {
                return c;
            }

            c = a.RuleIndex.CompareTo(b.RuleIndex);
            return c != 0 ? c : a.MatchIndex.CompareTo(b.MatchIndex);
        }
    }

    public static RouteDraft ToRoute(SplitMatch item, IReadOnlyList<string>? protocols, FeatureGates gates)
    {
        var route = item.Route;
        var tags = GatewayTags.For(route, [item.RuleName]);
        var host = item.Hostname.Length == 0 ? "_" : item.Hostname.Replace('*', '_');
        var name = $"httproute.{route.Metadata.NamespaceProperty}.{route.Metadata.Name}.{host}.{item.RuleIndex.ToString(CultureInfo.InvariantCulture)}.{item.MatchIndex.ToString(CultureInfo.InvariantCulture)}";
        var rule = route.Spec!.Rules![item.RuleIndex];
        var prefixRewrite = rule.Filters?.Any(f => f.Type == HttpRouteFilters.UrlRewrite && f.UrlRewrite?.Path is { Type: HttpRouteFilters.ReplacePrefixMatch }) == true;

        var matchers = new List<Matcher?>();
        if (item.Hostname.Length > 0)
        {
            matchers.Add(HostMatcher([item.Hostname]));
        }

        matchers.Add(SniMatcher(route.Metadata.Annotations));
        matchers.Add(MatchMatcher(item.Match, prefixRewrite));
        var expression = And(matchers).Expression();
        if (expression.Length == 0)
        {
            expression = CatchAll;
        }

        var output = HttpRouteFilters.Generate(rule.Filters, item.Match.Path?.Value ?? "", tags, true, gates.SupportRedirectPlugin);
        var kongRoute = HttpRouteTranslator.BaseRoute(name, protocols, tags, gates) with
        {
            StripPath = false,
            Expression = expression,
            Priority = item.Priority,
            Plugins = output.Plugins.Count == 0 ? null : output.Plugins,
        };
        return new RouteDraft(kongRoute, route, output.ExtensionRefPlugins);
    }

    /// <summary><c>*.x.y</c> → suffix match; others exact; invalid hostnames dropped (atc_utils.go: hostMatcherFromHosts).</summary>
    internal static Matcher HostMatcher(IEnumerable<string> hosts) => Or(hosts
        .Where(h => RouteAnnotations.ValidHost().IsMatch(h))
        .Select(h => h.StartsWith('*') ? new Predicate("http.host", "=^", h[1..]) : new Predicate("http.host", "==", h)));

    /// <summary>The route object's <c>konghq.com/snis</c> as <c>tls.sni</c> predicates (valid SNIs only).</summary>
    internal static Matcher? SniMatcher(IDictionary<string, string>? annotations)
    {
        var snis = Annotations.List(annotations, Annotations.Snis);
        return snis is { Length: > 0 } ? Or(snis.Where(s => RouteAnnotations.ValidSni().IsMatch(s)).Select(s => new Predicate("tls.sni", "==", s))) : null;
    }

    private static Matcher MatchMatcher(HttpRouteMatch match, bool prefixRewrite)
    {
        var matchers = new List<Matcher?>();
        if (match.Path is { } path)
        {
            matchers.Add(PathMatcher(path, prefixRewrite));
        }

        if (match.Headers is { Count: > 0 } headers)
        {
            matchers.Add(And(headers.OrderBy(h => h.Name, StringComparer.Ordinal).Select(HeaderPredicate)));
        }
        if (match.QueryParams is { Count: > 0 } query)
        {
            matchers.Add(And(query.OrderBy(q => q.Name, StringComparer.Ordinal).Select(q =>
                (Matcher?)(q.Type switch
                {
                    null or "Exact" => new Predicate("http.queries." + q.Name, "==", q.Value),
                    "RegularExpression" => new Predicate("http.queries." + q.Name, "~", q.Value),
                    _ => null,
                }))));
        }
        if (match.Method is { } method)
        {
            matchers.Add(Or(new[] { method }.Where(m => RouteAnnotations.ValidMethod().IsMatch(m)).Select(m => new Predicate("http.method", "==", m))));
        }
        return And(matchers);
    }

    internal static Matcher? HeaderPredicate(HttpHeaderMatch header)
    {
        var field = "http.headers." + header.Name.ToLowerInvariant().Replace('-', '_');
        return header.Type switch
        {
            null or "Exact" => new Predicate(field, "==", header.Value),
            "RegularExpression" => new Predicate(field, "~", header.Value),
            _ => null,
        };
    }

    private static Matcher? PathMatcher(HttpPathMatch path, bool prefixRewrite)
    {
        var value = path.Value ?? "";
        switch (path.Type)
        {
            case "Exact":
                return new Predicate("http.path", "==", value);
            case "PathPrefix":
                value = HttpRouteFilters.NormalizePath(value);
                var root = value == "/";
                if (prefixRewrite)
                {
                    return Or(new Predicate("http.path", "==", value), new Predicate("http.path", "~", root ? "^/(.*)" : $"^{value}(/.*)"));
                }
                return root ? new Predicate("http.path", "^=", "/") : Or(new Predicate("http.path", "==", value), new Predicate("http.path", "^=", value + "/"));
            case "RegularExpression":
                return new Predicate("http.path", "~", value.StartsWith('^') ? value : "^" + value);
            default:
                return null;
        }
    }
}
