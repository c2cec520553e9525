using System.Globalization;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Translation.Ingress;
using static KongDashboard.Core.Translation.Ingress.ExpressionRoutes;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// TCPRoutes, UDPRoutes and TLSRoutes → one Kong service and route per rule (translate_tcproute.go,
/// translate_udproute.go, translate_tlsroute.go, translate_routes_helpers.go, subtranslator/l4route_atc.go).
/// </summary>
internal static class L4RouteTranslator
{
    private sealed record L4Route(IKubernetesObject<V1ObjectMeta> Object, string Prefix, string Protocol, List<L4RouteRule> Rules, List<ParentReference> Parents);

    public static List<ServiceDraft> Translate(ClusterSnapshot snapshot, TranslatorOptions options, Func<IEnumerable<TcpRoute>> tcp,
        Func<IEnumerable<UdpRoute>> udp, Func<IEnumerable<TlsRoute>> tls, List<TranslationFailure> failures)
    {
        var drafts = new List<ServiceDraft>();
        foreach (var route in udp())
        {
            // UDPRoutes are validated first, and their failures registered (translate_udproute.go).
            var rules = route.Spec?.Rules ?? [];
            var error = rules.Count == 0 ? "no rules provided" : rules.Any(r => r.BackendRefs is not { Count: > 0 }) ? "no backendRefs in rule" : null;
            if (error is not null)
            {
                failures.Add(new TranslationFailure(error, [ObjectRefs.Of(route)]));
                continue;
            }
            var ports = GatewayLookup.ListeningPorts(snapshot, route.Metadata.NamespaceProperty ?? "", "UDP", route.Spec?.ParentRefs);
            AddRules(snapshot, options, new L4Route(route, "udproute", "udp", rules, route.Spec?.ParentRefs ?? []), ports, null, drafts);
        }
        foreach (var route in tcp())
        {
            var ports = GatewayLookup.ListeningPorts(snapshot, route.Metadata.NamespaceProperty ?? "", "TCP", route.Spec?.ParentRefs);
            AddRules(snapshot, options, new L4Route(route, "tcproute", "tcp", route.Spec?.Rules ?? [], route.Spec?.ParentRefs ?? []), ports, null, drafts);
        }
        foreach (var route in tls())
        {
            // Only logged by KIC: "no hostnames provided".
            if (route.Spec?.Hostnames is not { Count: > 0 } hostnames)
            {
                continue;
            }
            AddRules(snapshot, options, new L4Route(route, "tlsroute", "tcp", route.Spec.Rules ?? [], route.Spec.ParentRefs ?? []), [], (hostnames, Passthrough(snapshot, route)), drafts);
        }
        return drafts;
    }

    // Rules before a failing rule stay; errors are only logged by KIC ("<Kind> ns/name can't be routed: ...").
    private static void AddRules(ClusterSnapshot snapshot, TranslatorOptions options, L4Route route, List<int> ports,
        (List<string> Hostnames, bool Passthrough)? tls, List<ServiceDraft> drafts)
    {
        var gates = options.FeatureGates;
        var ns = route.Object.Metadata.NamespaceProperty ?? "";
        var name = route.Object.Metadata.Name ?? "";
        for (var r = 0; r < route.Rules.Count; r++)
        {
            var rule = route.Rules[r];
            if (route.Prefix == "tcproute" && rule.BackendRefs is not { Count: > 0 })
            {
                return;
            }
            var serviceName = $"{route.Prefix}.{ns}.{name}.{r.ToString(CultureInfo.InvariantCulture)}";
            var draft = new ServiceDraft(serviceName, route.Protocol, route.Object, route.Object)
            {
                Backends = ResolvedBackend.Resolve(snapshot, route.Object, rule.BackendRefs),
            };
            draft.TerminateWhenUnresolved(rule.BackendRefs?.Count ?? 0, always: false);
            var routeName = serviceName + ".0";
            var protocols = tls is null ? route.Prefix == "udproute" ? "udp" : "tcp" : tls.Value.Passthrough ? "tls_passthrough" : "tls";
            var destinations = route.Prefix == "tlsroute" || ports.Count == 0 ? null : ports.Select(p => new KongCidrPort { Port = p }).ToList();
            var snis = tls?.Hostnames;
            var kongRoute = new KongRoute
            {
                Id = gates.FillIDs ? KongIds.Route(routeName) : null,
                Name = routeName,
                Protocols = [protocols],
                Destinations = destinations,
                Snis = snis,
                Tags = GatewayTags.For(route.Object, [rule.Name]),
                HttpsRedirectStatusCode = 426,
                PathHandling = gates.ExpressionRoutes ? null : "v0",
            };
            if (gates.ExpressionRoutes)
            {
                kongRoute = kongRoute with { Expression = L4Expression(snis, destinations), Priority = 1, Destinations = null, Snis = null };
            }
            draft.Routes.Add(new RouteDraft(kongRoute, route.Object, []));
            drafts.Add(draft);
        }
    }

    /// <summary>ApplyExpressionToL4KongRoute: OR of valid (non-wildcard) SNIs AND OR of destination ports.</summary>
    private static string L4Expression(List<string>? snis, List<KongCidrPort>? destinations)
    {
        var sni = Or((snis ?? []).Where(s => RouteAnnotations.ValidSni().IsMatch(s)).Select(s => new Predicate("tls.sni", "==", s)));
        var ports = Or((destinations ?? []).Select(d => new PortPredicate(d.Port ?? 0)));
        return And(sni, ports).Expression();
    }

    /// <summary>An integer predicate: <c>net.dst.port == N</c> (no quotes).</summary>
    private sealed record PortPredicate(int Port) : Matcher
    {
        public override string Expression() => "net.dst.port == " + Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>tls_passthrough when a Gateway in the route's status parents has a Passthrough listener.</summary>
    private static bool Passthrough(ClusterSnapshot snapshot, TlsRoute route)
    {
        foreach (var parent in route.Status?.Parents ?? [])
        {
            var reference = parent.ParentRef;
            if ((reference.Group ?? GatewayApiGroup.Name) != GatewayApiGroup.Name || (reference.Kind ?? "Gateway") != "Gateway")
            {
                continue;
            }

            var ns = reference.Namespace ?? route.Metadata.NamespaceProperty ?? "";
            if (snapshot.Get(WatchedKinds.Gateways).Get(ns, reference.Name) is not { } gateway)
            {
                continue;
            }

            if ((gateway.Spec?.Listeners ?? []).Any(l => (reference.SectionName is null || l.Name == reference.SectionName) && l.Tls?.Mode == "Passthrough"))
            {
                return true;
            }
        }
        return false;
    }
}
