using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// HTTPRoutes → Kong service drafts (translate_httproute.go, subtranslator/httproute.go): validation, rules grouped
/// by backend set into services, then routes per match group (traditional) or per split match (expressions).
/// </summary>
internal static class HttpRouteTranslator
{
    private const int MaxKongServiceNameLength = 511;
    private static readonly JsonSerializerOptions KeyJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>One rule with its index and HTTPRoute.</summary>
    internal sealed record RuleMeta(HttpRoute Route, int Index, HttpRouteRule Rule)
    {
        public string Namespace => Route.Metadata.NamespaceProperty ?? "";
        public string RouteName => Route.Metadata.Name ?? "";

        /// <summary>getRuleKey: compared as a string, so rule 10 sorts before rule 2.</summary>
        public string Key => $"{Namespace}/{RouteName}.{Index.ToString(CultureInfo.InvariantCulture)}";
    }

    public static List<ServiceDraft> Translate(ClusterSnapshot snapshot, IReadOnlyList<HttpRoute> routes, TranslatorOptions options, List<TranslationFailure> failures)
    {
        var gates = options.FeatureGates;
        var valid = new List<HttpRoute>();
        foreach (var route in routes)
        {
            if (Validate(route, gates.ExpressionRoutes) is { } error)
            {
                failures.Add(new TranslationFailure($"HTTPRoute can't be routed: {error}", [ObjectRefs.Of(route)]));
                continue;
            }
            valid.Add(route);
        }

        var groups = gates.CombinedServicesFromDifferentHTTPRoutes ? GroupCombined(valid) : GroupPerRoute(valid);
        var split = gates.ExpressionRoutes ? HttpRouteExpressions.SplitWithPriorities(valid) : null;
        var drafts = new List<ServiceDraft>();
        var errors = new Dictionary<HttpRoute, List<string>>(ReferenceEqualityComparer.Instance);
        foreach (var (serviceName, rules) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var sorted = rules.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
            try
            {
                drafts.Add(BuildService(snapshot, serviceName, sorted, split, options));
            }
            catch (HttpRouteFilters.FilterException e)
            {
                foreach (var route in sorted.Select(r => r.Route).Distinct(ReferenceEqualityComparer.Instance).Cast<HttpRoute>())
                {
                    if (!errors.TryGetValue(route, out var list))
                    {
                        errors[route] = list = [];
                    }

                    list.Add(e.Message);
                }
            }
        }
        foreach (var route in valid)
        {
            if (errors.TryGetValue(route, out var list))
            {
                failures.Add(new TranslationFailure($"HTTPRoute can't be routed: {string.Join("\n", list)}", [ObjectRefs.Of(route)]));
            }
        }
        return drafts;
    }

    private static string? Validate(HttpRoute route, bool expressionRoutes)
    {
        if (route.Spec?.Rules is not { Count: > 0 } rules)
        {
            return "no rules provided";
        }
        if (!expressionRoutes && rules.Any(r => (r.Matches ?? []).Any(m => m.QueryParams is { Count: > 0 })))
        {
            return "query param matches are not yet supported";
        }
        return null;
    }

    private static Dictionary<string, List<RuleMeta>> GroupPerRoute(List<HttpRoute> routes)
    {
        var result = new Dictionary<string, List<RuleMeta>>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var byBackends = new Dictionary<string, List<RuleMeta>>(StringComparer.Ordinal);
            var order = new List<string>();
            var rules = route.Spec!.Rules!;
            for (var i = 0; i < rules.Count; i++)
            {
                var key = SortedItemsKey(rules[i].BackendRefs);
                if (!byBackends.TryGetValue(key, out var list))
                {
                    byBackends[key] = list = [];
                    order.Add(key);
                }
                list.Add(new RuleMeta(route, i, rules[i]));
            }
            foreach (var key in order)
            {
                var group = byBackends[key];
                result[$"httproute.{group[0].Namespace}.{group[0].RouteName}.{group[0].Index.ToString(CultureInfo.InvariantCulture)}"] = group;
            }
        }
        return result;
    }

    // CombinedServicesFromDifferentHTTPRoutes: rules of one namespace share a service when their backends do.
    private static Dictionary<string, List<RuleMeta>> GroupCombined(List<HttpRoute> routes)
    {
        var result = new Dictionary<string, List<RuleMeta>>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var rules = route.Spec!.Rules!;
            for (var i = 0; i < rules.Count; i++)
            {
                var meta = new RuleMeta(route, i, rules[i]);
                var name = CombinedServiceName(meta);
                if (!result.TryGetValue(name, out var list))
                {
                    result[name] = list = [];
                }

                list.Add(meta);
            }
        }
        return result;
    }

    private static string CombinedServiceName(RuleMeta meta)
    {
        var refs = meta.Rule.BackendRefs ?? [];
        if (refs.Count == 0)
        {
            return $"httproute.{meta.Namespace}.svc._";
        }
        var names = refs.Select(r =>
        {
            var name = (r.Namespace ?? meta.Namespace) + "." + r.Name;
            if (r.Port is int port)
            {
                name += "." + port.ToString(CultureInfo.InvariantCulture);
            }

            if (r.Weight is int weight)
            {
                name += "." + weight.ToString(CultureInfo.InvariantCulture);
            }

            return name;
        }).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var full = $"httproute.{meta.Namespace}.svc.{string.Join("_", names)}";
        if (full.Length <= MaxKongServiceNameLength)
        {
            return full;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)));
        return $"httproute.{meta.Namespace}.svc.{names[0]}_combined.{hash}";
    }

    /// <summary>getSortedItemsString: the JSON of each item, sorted and joined (set/unset fields matter, order does not).</summary>
    internal static string SortedItemsKey<T>(IEnumerable<T>? items) =>
        string.Join(";", (items ?? []).Select(i => JsonSerializer.Serialize(i, KeyJson)).OrderBy(k => k, StringComparer.Ordinal));

    private static ServiceDraft BuildService(
        ClusterSnapshot snapshot, string serviceName, List<RuleMeta> rules, IReadOnlyDictionary<string, List<HttpRouteExpressions.SplitMatch>>? split,
        TranslatorOptions options)
    {
        var gates = options.FeatureGates;
        var uniqueRoutes = rules.Select(r => r.Route).Distinct(ReferenceEqualityComparer.Instance).Cast<HttpRoute>().ToList();
        var protocols = GatewayLookup.HttpProtocols(snapshot, uniqueRoutes);
        var first = rules[0];
        var refs = ResolvedBackend.WithHttpDefaults(first.Rule.BackendRefs, first.Namespace).ToList();
        var draft = new ServiceDraft(serviceName, "http", first.Route, first.Route)
        {
            Backends = ResolvedBackend.Resolve(snapshot, first.Route, refs),
        };
        draft.TerminateWhenUnresolved(refs.Count, always: true);
        foreach (var rule in rules)
        {
            if (BackendTimeout(rule.Rule) is int timeout)
            {
                draft.Timeout = timeout;
            }
        }
        if (split is not null)
        {
            foreach (var rule in rules)
            {
                foreach (var item in split.GetValueOrDefault(rule.Key) ?? [])
                {
                    draft.Routes.Add(HttpRouteExpressions.ToRoute(item, protocols, gates));
                }
            }
        }
        else
        {
            draft.Routes.AddRange(TraditionalRoutes(rules, protocols, gates));
        }
        return draft;
    }

    // applyTimeoutToServiceFromHTTPRouteRule: a parsable backendRequest other than the default.
    private static int? BackendTimeout(HttpRouteRule rule)
    {
        if (rule.Timeouts?.BackendRequest is not { } text || GoDuration.TryParseMilliseconds(text) is not long ms)
        {
            return null;
        }
        return ms == KongState.ServiceBuilder.DefaultTimeout ? null : (int)ms;
    }

    private static List<RouteDraft> TraditionalRoutes(List<RuleMeta> rules, IReadOnlyList<string>? protocols, FeatureGates gates)
    {
        var routes = new List<RouteDraft>();
        var byFilters = new Dictionary<string, List<RuleMeta>>(StringComparer.Ordinal);
        var filterOrder = new List<string>();
        foreach (var rule in rules)
        {
            var key = SortedItemsKey(rule.Rule.Filters);
            if (!byFilters.TryGetValue(key, out var list))
            {
                byFilters[key] = list = [];
                filterOrder.Add(key);
            }
            list.Add(rule);
        }
        foreach (var filterKey in filterOrder)
        {
            var partition = byFilters[filterKey];
            var filters = partition[0].Rule.Filters;
            var matchGroups = new Dictionary<string, List<(RuleMeta Rule, int Index, HttpRouteMatch Match)>>(StringComparer.Ordinal);
            var groupOrder = new List<string>();
            foreach (var rule in partition)
            {
                var matches = rule.Rule.Matches ?? [];
                for (var m = 0; m < matches.Count; m++)
                {
                    var key = MatchKey(rule, matches[m]);
                    if (!matchGroups.TryGetValue(key, out var list))
                    {
                        matchGroups[key] = list = [];
                        groupOrder.Add(key);
                    }
                    list.Add((rule, m, matches[m]));
                }
                if (matches.Count == 0)
                {
                    var name = $"httproute.{rule.Namespace}.{rule.RouteName}.{rule.Index.ToString(CultureInfo.InvariantCulture)}.0";
                    var hosts = rule.Route.Spec?.Hostnames is { Count: > 0 } h ? h : null;
                    routes.Add(new RouteDraft(
                        BaseRoute(name, protocols, GatewayTags.For(rule.Route), gates) with { Hosts = hosts },
                        rule.Route, []));
                }
            }
            foreach (var key in groupOrder)
            {
                var group = matchGroups[key];
                var parent = group[0].Rule.Route;
                var tags = GatewayTags.For(parent, group.Select(g => g.Rule.Rule.Name));
                var name = $"httproute.{group[0].Rule.Namespace}.{group[0].Rule.RouteName}.{group[0].Rule.Index.ToString(CultureInfo.InvariantCulture)}.{group[0].Index.ToString(CultureInfo.InvariantCulture)}";
                routes.AddRange(RoutesFromMatches(name, [.. group.Select(g => g.Match)], filters, parent, tags, protocols, gates));
            }
        }
        routes.Sort((a, b) => string.CompareOrdinal(a.Route.Name, b.Route.Name));
        return routes;
    }

    /// <summary>Matches merge into one Kong route when route, method, headers and query params agree (path is not part of it).</summary>
    private static string MatchKey(RuleMeta rule, HttpRouteMatch match)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var headers = new List<HttpHeaderMatch>();
        foreach (var header in match.Headers ?? [])
        {
            var lower = header.Name.ToLowerInvariant();
            if (seen.Add(lower))
            {
                headers.Add(new HttpHeaderMatch { Type = header.Type, Name = lower, Value = header.Value });
            }
        }
        headers.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var seenQuery = new HashSet<string>(StringComparer.Ordinal);
        var query = (match.QueryParams ?? []).Where(q => seenQuery.Add(q.Name)).ToList();
        return JsonSerializer.Serialize(new { rule.Namespace, Name = rule.RouteName, match.Method, Headers = headers, Query = query }, KeyJson);
    }

    internal static KongRoute BaseRoute(string name, IReadOnlyList<string>? protocols, IReadOnlyList<string> tags, FeatureGates gates) => new()
    {
        Id = gates.FillIDs ? KongIds.Route(name) : null,
        Name = name,
        Protocols = protocols,
        PreserveHost = true,
        Tags = tags,
        HttpsRedirectStatusCode = 426,
        PathHandling = gates.ExpressionRoutes ? null : "v0",
    };

    // GenerateKongRoutesFromHTTPRouteMatches: one route for the group, or with a RequestRedirect one snapshot per match.
    private static List<RouteDraft> RoutesFromMatches(
        string name, List<HttpRouteMatch> matches, List<HttpRouteFilter>? filters, HttpRoute parent, IReadOnlyList<string> tags,
        IReadOnlyList<string>? protocols, FeatureGates gates)
    {
        var route = BaseRoute(name, protocols, tags, gates) with
        {
            Hosts = parent.Spec?.Hostnames is { Count: > 0 } h ? h : null,
            Headers = Headers(matches[0].Headers),
            StripPath = false,
        };
        var hasRedirect = filters?.Any(f => f.Type == HttpRouteFilters.RequestRedirect) == true;
        var paths = new List<string>();
        var methods = new List<string>();
        var plugins = new List<KongPluginEntity>();
        var extensionRefs = new List<string>();
        var result = new List<RouteDraft>();
        foreach (var match in matches)
        {
            if (match.Path is { } p)
            {
                paths.AddRange(KongPaths(p));
            }

            if (match.Method is { } method && !methods.Contains(method))
            {
                methods.Add(method);
            }

            if (hasRedirect)
            {
                var output = HttpRouteFilters.Generate(filters, match.Path?.Value ?? "", tags, false, gates.SupportRedirectPlugin);
                plugins.AddRange(output.Plugins);
                extensionRefs.AddRange(output.ExtensionRefPlugins);
                if (output.ReplacedPaths is { } replaced)
                {
                    paths.Clear();
                    paths.AddRange(replaced);
                }
                result.Add(new RouteDraft(Finish(route, paths, methods, plugins), parent, [.. extensionRefs]));
            }
        }
        if (hasRedirect)
        {
            return result;
        }
        var rewritePath = "";
        if (filters?.Any(f => f.Type == HttpRouteFilters.UrlRewrite && f.UrlRewrite?.Path is { Type: HttpRouteFilters.ReplacePrefixMatch, ReplacePrefixMatch: not null }) == true
            && matches[0].Path?.Value is { } firstPath)
        {
            rewritePath = firstPath;
        }
        var generated = HttpRouteFilters.Generate(filters, rewritePath, tags, false, gates.SupportRedirectPlugin);
        if (generated.ReplacedPaths is { } replacedPaths)
        {
            paths = [.. replacedPaths];
        }
        return [new RouteDraft(Finish(route, paths, methods, generated.Plugins), parent, generated.ExtensionRefPlugins)];
    }

    private static KongRoute Finish(KongRoute route, List<string> paths, List<string> methods, List<KongPluginEntity> plugins) => route with
    {
        Paths = paths.Count == 0 ? null : [.. paths],
        Methods = methods.Count == 0 ? null : [.. methods],
        Plugins = plugins.Count == 0 ? null : [.. plugins],
    };

    /// <summary>Kong paths of a match path (generateKongRoutePathFromHTTPRouteMatch).</summary>
    internal static IEnumerable<string> KongPaths(HttpPathMatch path)
    {
        var value = path.Value ?? "";
        switch (path.Type)
        {
            case "Exact":
                return ["~" + value + "$"];
            case "PathPrefix":
                return ["~" + value + "$", value.EndsWith('/') ? value : value + "/"];
            case "RegularExpression":
                return ["~" + value];
            default:
                return [""];
        }
    }

    private static Dictionary<string, IReadOnlyList<string>>? Headers(List<HttpHeaderMatch>? matches)
    {
        if (matches is not { Count: > 0 })
        {
            return null;
        }
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var header in matches)
        {
            if (headers.ContainsKey(header.Name))
            {
                throw new HttpRouteFilters.FilterException($"multiple header matches for the same header are not allowed: {header.Name}");
            }
            headers[header.Name] = header.Type switch
            {
                "RegularExpression" => ["~*" + header.Value],
                null or "Exact" => [header.Value],
                _ => throw new HttpRouteFilters.FilterException($"unknown/unsupported header match type: {header.Type}"),
            };
        }
        return headers;
    }
}
