using System.Globalization;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using static KongDashboard.Core.Translation.Ingress.ExpressionRoutes;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// GRPCRoutes → Kong service drafts (translate_grpcroute.go, subtranslator/grpcroute.go, grpcroute_atc.go).
/// KIC only logs GRPCRoute errors, so there are no failures here.
/// </summary>
internal static class GrpcRouteTranslator
{
    private const ulong RelativeOrderMax = (1UL << 8) - 1;

    public static List<ServiceDraft> Translate(ClusterSnapshot snapshot, IReadOnlyList<GrpcRoute> routes, TranslatorOptions options)
    {
        return options.FeatureGates.ExpressionRoutes ? Expressions(snapshot, routes, options.FeatureGates) : Traditional(snapshot, routes, options.FeatureGates);
    }

    // grpc when some parent Gateway has an HTTP listener, else grpcs.
    private static string ServiceProtocol(ClusterSnapshot snapshot, GrpcRoute route) =>
        GatewayLookup.ListeningPorts(snapshot, route.Metadata.NamespaceProperty ?? "", "HTTP", route.Spec?.ParentRefs).Count > 0 ? "grpc" : "grpcs";

    private static IReadOnlyList<string> Tags(GrpcRoute route) => GatewayTags.For(route, (route.Spec?.Rules ?? []).Select(r => r.Name));

    private static List<ServiceDraft> Traditional(ClusterSnapshot snapshot, IReadOnlyList<GrpcRoute> routes, FeatureGates gates)
    {
        var drafts = new List<ServiceDraft>();
        foreach (var route in routes)
        {
            var ns = route.Metadata.NamespaceProperty ?? "";
            var name = route.Metadata.Name ?? "";
            var protocol = ServiceProtocol(snapshot, route);
            var tags = Tags(route);
            var hosts = Hostnames(snapshot, route);
            var rules = route.Spec?.Rules ?? [];
            for (var r = 0; r < rules.Count; r++)
            {
                var rule = rules[r];
                // Not registered with a parent object: a multi-backend service gets no tags.
                var draft = new ServiceDraft($"grpcroute.{ns}.{name}.{r.ToString(CultureInfo.InvariantCulture)}", protocol, null, route)
                {
                    Backends = ResolvedBackend.Resolve(snapshot, route, rule.BackendRefs),
                };
                draft.TerminateWhenUnresolved(rule.BackendRefs?.Count ?? 0, always: false);
                var matches = rule.Matches ?? [];
                if (matches.Count == 0)
                {
                    var routeName = $"grpcroute.{ns}.{name}.{r.ToString(CultureInfo.InvariantCulture)}.0";
                    var kongRoute = Base(routeName, tags, gates) with
                    {
                        Hosts = hosts.Count > 0 ? hosts : null,
                        Paths = hosts.Count > 0 ? null : ["/"],
                    };
                    draft.Routes.Add(new RouteDraft(kongRoute, route, []));
                }
                for (var m = 0; m < matches.Count; m++)
                {
                    var match = matches[m];
                    var routeName = $"grpcroute.{ns}.{name}.{r.ToString(CultureInfo.InvariantCulture)}.{m.ToString(CultureInfo.InvariantCulture)}";
                    var kongRoute = Base(routeName, tags, gates) with { Hosts = hosts.Count > 0 ? hosts : null };
                    if (match.Method is { } method)
                    {
                        var regex = method.Type == "RegularExpression";
                        var service = method.Service ?? ".+";
                        var methodName = method.Method ?? (regex ? ".+" : "");
                        kongRoute = kongRoute with { Paths = [$"~/{service}/{methodName}"] };
                    }
                    if (match.Headers is { Count: > 0 } headers)
                    {
                        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                        foreach (var header in headers)
                        {
                            map[header.Name] = map.TryGetValue(header.Name, out var values) ? [.. values, header.Value] : [header.Value];
                        }
                        kongRoute = kongRoute with { Headers = map };
                    }
                    draft.Routes.Add(new RouteDraft(kongRoute, route, []));
                }
                drafts.Add(draft);
            }
        }
        return drafts;
    }

    private static KongRoute Base(string name, IReadOnlyList<string> tags, FeatureGates gates) => new()
    {
        Id = gates.FillIDs ? KongIds.Route(name) : null,
        Name = name,
        Protocols = ["grpc", "grpcs"],
        Tags = tags,
        HttpsRedirectStatusCode = 426,
        PathHandling = gates.ExpressionRoutes ? null : "v0",
    };

    /// <summary>spec.hostnames, else the hostnames of the parent Gateways' listeners; none if a parent Gateway is missing.</summary>
    private static List<string> Hostnames(ClusterSnapshot snapshot, GrpcRoute route)
    {
        if (route.Spec?.Hostnames is { Count: > 0 } own)
        {
            return own;
        }
        var result = new List<string>();
        var ns = route.Metadata.NamespaceProperty ?? "";
        foreach (var parent in route.Spec?.ParentRefs ?? [])
        {
            if (parent.Kind is not null && parent.Kind != "Gateway")
            {
                continue;
            }
            // A namespace carries over to later parentRefs without one (KIC reuses the variable).
            if (parent.Namespace is not null)
            {
                ns = parent.Namespace;
            }

            if (snapshot.Get(Kubernetes.WatchedKinds.Gateways).Get(ns, parent.Name) is not { } gateway)
            {
                return [];
            }
            result.AddRange((gateway.Spec?.Listeners ?? [])
                .Where(l => (parent.SectionName is null || l.Name == parent.SectionName) && l.Hostname is not null)
                .Select(l => l.Hostname!));
        }
        return result;
    }

    private sealed record SplitMatch(GrpcRoute Route, string Hostname, GrpcRouteMatch Match, int RuleIndex, int MatchIndex, ulong Priority);

    private static List<ServiceDraft> Expressions(ClusterSnapshot snapshot, IReadOnlyList<GrpcRoute> routes, FeatureGates gates)
    {
        var items = routes.SelectMany(Split).Select(s => s with { Priority = BasePriority(s) }).ToList();
        var prioritized = new List<SplitMatch>();
        foreach (var bucket in items.GroupBy(i => i.Priority))
        {
            var ordered = bucket.OrderBy(s => s.Route.Metadata.CreationTimestamp ?? DateTime.MinValue)
                .ThenBy(s => s.Route.Metadata.NamespaceProperty, StringComparer.Ordinal)
                .ThenBy(s => s.Route.Metadata.Name, StringComparer.Ordinal)
                .ThenBy(s => s.RuleIndex).ThenBy(s => s.MatchIndex).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                prioritized.Add(ordered[i] with { Priority = bucket.Key + (RelativeOrderMax - Math.Min((ulong)i, RelativeOrderMax)) });
            }
        }

        var drafts = new Dictionary<string, ServiceDraft>(StringComparer.Ordinal);
        foreach (var item in prioritized)
        {
            var route = item.Route;
            var ns = route.Metadata.NamespaceProperty ?? "";
            var rule = route.Spec!.Rules![item.RuleIndex];
            var host = item.Hostname.Length == 0 ? "_" : item.Hostname.Replace('*', '_');
            var serviceName = $"grpcroute.{ns}.{route.Metadata.Name}.{host}.{item.RuleIndex.ToString(CultureInfo.InvariantCulture)}";
            if (!drafts.TryGetValue(serviceName, out var draft))
            {
                drafts[serviceName] = draft = new ServiceDraft(serviceName, ServiceProtocol(snapshot, route), route, route)
                {
                    Backends = ResolvedBackend.Resolve(snapshot, route, rule.BackendRefs),
                };
            }
            // KIC appends the termination plugin again each time a split item reuses the service.
            draft.TerminateWhenUnresolved(rule.BackendRefs?.Count ?? 0, always: false);

            var matchers = new List<Matcher?>();
            if (item.Match.Method is { } method)
            {
                matchers.Add(MethodMatcher(method));
            }

            if (item.Match.Headers is { Count: > 0 } headers)
            {
                matchers.Add(And(headers.OrderBy(h => h.Name, StringComparer.Ordinal).Select(HttpRouteExpressions.HeaderPredicate)));
            }
            if (item.Hostname.Length > 0)
            {
                matchers.Add(HttpRouteExpressions.HostMatcher([item.Hostname]));
            }

            matchers.Add(HttpRouteExpressions.SniMatcher(route.Metadata.Annotations));
            var expression = And(matchers).Expression();
            if (expression.Length == 0)
            {
                expression = HttpRouteExpressions.CatchAll;
            }

            var routeName = $"{serviceName}.{item.MatchIndex.ToString(CultureInfo.InvariantCulture)}";
            var kongRoute = new KongRoute
            {
                Id = gates.FillIDs ? KongIds.Route(routeName) : null,
                Name = routeName,
                PreserveHost = true,
                Tags = Tags(route),
                Expression = expression,
                Priority = item.Priority,
                Protocols = RouteProtocols(snapshot, route),
                HttpsRedirectStatusCode = 426,
            };
            draft.Routes.Add(new RouteDraft(kongRoute, route, []));
        }
        return [.. drafts.Values];
    }

    private static IReadOnlyList<string>? RouteProtocols(ClusterSnapshot snapshot, GrpcRoute route)
    {
        var ns = route.Metadata.NamespaceProperty ?? "";
        var protocols = new List<string>();
        if (GatewayLookup.ListeningPorts(snapshot, ns, "HTTP", route.Spec?.ParentRefs).Count > 0)
        {
            protocols.Add("grpc");
        }

        if (GatewayLookup.ListeningPorts(snapshot, ns, "HTTPS", route.Spec?.ParentRefs).Count > 0)
        {
            protocols.Add("grpcs");
        }

        return protocols.Count == 0 ? null : protocols;
    }

    private static IEnumerable<SplitMatch> Split(GrpcRoute route)
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
                    yield return new SplitMatch(route, hostname, new GrpcRouteMatch(), r, 0, 0);
                }

                for (var m = 0; m < matches.Count; m++)
                {
                    yield return new SplitMatch(route, hostname, matches[m], r, m, 0);
                }
            }
        }
    }

    private static ulong BasePriority(SplitMatch s)
    {
        ulong priority = 1UL << 44;
        if (s.Hostname.Length > 0)
        {
            if (!s.Hostname.StartsWith('*'))
            {
                priority += 1UL << 43;
            }

            priority += (ulong)System.Text.Encoding.UTF8.GetByteCount(s.Hostname) << 35;
        }
        if (s.Match.Method is { } method)
        {
            priority += (ulong)System.Text.Encoding.UTF8.GetByteCount(method.Service ?? "") << 24;
            priority += (ulong)System.Text.Encoding.UTF8.GetByteCount(method.Method ?? "") << 13;
        }
        priority += (ulong)(s.Match.Headers?.Count ?? 0) << 8;
        return priority;
    }

    private static Matcher MethodMatcher(GrpcMethodMatch match)
    {
        var (service, method) = (match.Service, match.Method);
        if (match.Type == "RegularExpression")
        {
            return service is null && method is null
                ? new Predicate("http.path", "^=", "/")
                : new Predicate("http.path", "~", $"^/{service ?? ".+"}/{method ?? ".+"}");
        }
        return (service, method) switch
        {
            (null, null) => new Predicate("http.path", "^=", "/"),
            (not null, null) => new Predicate("http.path", "^=", $"/{service}/"),
            (null, not null) => new Predicate("http.path", "=^", $"/{method}"),
            _ => new Predicate("http.path", "==", $"/{service}/{method}"),
        };
    }
}
