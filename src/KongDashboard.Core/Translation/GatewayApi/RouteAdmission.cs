using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>The Gateway API routes that reach translation, HTTPRoutes with their hostnames as KIC stores them.</summary>
internal sealed record AdmittedRoutes(
    List<HttpRoute> HttpRoutes, List<GrpcRoute> GrpcRoutes, List<TcpRoute> TcpRoutes, List<UdpRoute> UdpRoutes, List<TlsRoute> TlsRoutes)
{
    public bool IsEmpty => HttpRoutes.Count + GrpcRoutes.Count + TcpRoutes.Count + UdpRoutes.Count + TlsRoutes.Count == 0;
}

/// <summary>
/// Which routes KIC's Gateway API controllers put into the translator's store (internal/controllers/gateway:
/// gatewayclass_controller.go, gateway_controller.go, route_utils.go: getSupportedGatewayForRoute, filterHostnames).
/// Without <see cref="TranslatorOptions.GatewayControllerName"/> every route is translated as written, as KIC's
/// golden runner does (it fills the store directly).
/// </summary>
internal static class RouteAdmission
{
    public const string UnmanagedAnnotation = "konghq.com/gatewayclass-unmanaged";

    public static AdmittedRoutes Admit(ClusterSnapshot snapshot, TranslatorOptions options)
    {
        var http = Sorted(snapshot.Get(WatchedKinds.HttpRoutes));
        var grpc = Sorted(snapshot.Get(WatchedKinds.GrpcRoutes));
        var tcp = Sorted(snapshot.Get(WatchedKinds.TcpRoutes));
        var udp = Sorted(snapshot.Get(WatchedKinds.UdpRoutes));
        var tls = Sorted(snapshot.Get(WatchedKinds.TlsRoutes));
        if (options.GatewayControllerName is not { Length: > 0 } controller)
        {
            return new AdmittedRoutes(http, grpc, tcp, udp, tls);
        }
        var alpha = options.FeatureGates.GatewayAlpha;
        var admission = new Admission(snapshot, controller);
        return new AdmittedRoutes(
            [.. http.Select(r => admission.AdmitHttp(r)).OfType<HttpRoute>()],
            [.. grpc.Where(r => admission.Attached(r, r.Spec?.ParentRefs, "GRPCRoute", r.Spec?.Hostnames))],
            alpha ? [.. tcp.Where(r => admission.Attached(r, r.Spec?.ParentRefs, "TCPRoute", null))] : [],
            alpha ? [.. udp.Where(r => admission.Attached(r, r.Spec?.ParentRefs, "UDPRoute", null))] : [],
            alpha ? [.. tls.Where(r => admission.Attached(r, r.Spec?.ParentRefs, "TLSRoute", r.Spec?.Hostnames))] : []);
    }

    private static List<T> Sorted<T>(IEnumerable<T> objects) where T : IKubernetesObject<V1ObjectMeta> =>
        [.. objects.OrderBy(o => o.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(o => o.Metadata.Name, StringComparer.Ordinal)];

    /// <summary>The checks against one snapshot.</summary>
    internal sealed class Admission(ClusterSnapshot snapshot, string controller)
    {
        /// <summary>A Gateway KIC reconciles: its class names this controller, and it is accepted (or its class unmanaged).</summary>
        public bool IsReconciled(Gateway gateway)
        {
            var cls = snapshot.Get(WatchedKinds.GatewayClasses).Get("", gateway.Spec?.GatewayClassName ?? "");
            if (cls?.Spec?.ControllerName != controller)
            {
                return false;
            }
            return IsUnmanaged(cls) || HasCondition(gateway.Status?.Conditions, "Accepted");
        }

        public static bool IsUnmanaged(GatewayClass cls) =>
            cls.Metadata.Annotations is { } a && a.TryGetValue(UnmanagedAnnotation, out var v) && !string.IsNullOrEmpty(v);

        /// <summary>True when some parentRef names a reconciled Gateway with a listener that accepts the route.</summary>
        public bool Attached(IKubernetesObject<V1ObjectMeta> route, IEnumerable<ParentReference>? parents, string kind, IReadOnlyList<string>? hostnames) =>
            (parents ?? []).Any(p => AcceptingListeners(route, p, kind, hostnames).Any());

        /// <summary>An HTTPRoute with hostnames narrowed to its listeners (filterHostnames), or null when not attached or none remain.</summary>
        public HttpRoute? AdmitHttp(HttpRoute route)
        {
            var parents = route.Spec?.ParentRefs ?? [];
            if (!Attached(route, parents, "HTTPRoute", route.Spec?.Hostnames))
            {
                return null;
            }
            var listeners = parents
                .Select(p => (Parent: p, Gateway: ParentGateway(route, p)))
                .Where(x => x.Gateway is not null)
                .SelectMany(x => GatewayLookup.SelectedListeners(x.Gateway!, x.Parent).Select(l => (x.Parent, Listener: l)))
                .ToList();
            var own = route.Spec?.Hostnames ?? [];
            List<string> hostnames;
            if (own.Count == 0)
            {
                var candidates = listeners.Where(x => x.Parent.SectionName is not null || x.Listener.Protocol is "HTTP" or "HTTPS" or "TLS").ToList();
                if (candidates.Any(x => string.IsNullOrEmpty(x.Listener.Hostname)))
                {
                    return route;
                }
                hostnames = [.. candidates.Select(x => x.Listener.Hostname!)];
            }
            else
            {
                hostnames = [];
                foreach (var hostname in own)
                {
                    foreach (var (_, listener) in listeners)
                    {
                        // getMinimumHostnameIntersection: the listener hostname as a mask keeps the route's;
                        // the route's as a mask narrows it to the listener's.
                        if (string.IsNullOrEmpty(listener.Hostname) || Hostnames.MatchesMask(hostname, listener.Hostname))
                        {
                            hostnames.Add(hostname);
                            break;
                        }
                        if (Hostnames.MatchesMask(listener.Hostname, hostname))
                        {
                            hostnames.Add(listener.Hostname);
                            break;
                        }
                    }
                }
                if (hostnames.Count == 0)
                {
                    return null;
                }
            }
            if (hostnames.SequenceEqual(own))
            {
                return route;
            }
            return new HttpRoute
            {
                ApiVersion = route.ApiVersion,
                Kind = route.Kind,
                Metadata = route.Metadata,
                Status = route.Status,
                Spec = new HttpRouteSpec { ParentRefs = route.Spec?.ParentRefs, Rules = route.Spec?.Rules, Hostnames = hostnames.Count == 0 ? null : hostnames },
            };
        }

        private Gateway? ParentGateway(IKubernetesObject<V1ObjectMeta> route, ParentReference parent)
        {
            if ((parent.Group ?? GatewayApiGroup.Name) != GatewayApiGroup.Name || (parent.Kind ?? "Gateway") != "Gateway")
            {
                return null;
            }
            var gateway = GatewayLookup.GatewayOf(snapshot, parent, route.Metadata.NamespaceProperty ?? "");
            return gateway is not null && IsReconciled(gateway) ? gateway : null;
        }

        /// <summary>The listeners passing allowedRoutes, status, sectionName, port, protocol and hostname tests (getSupportedGatewayForRoute).</summary>
        public IEnumerable<Listener> AcceptingListeners(IKubernetesObject<V1ObjectMeta> route, ParentReference parent, string kind, IReadOnlyList<string>? hostnames)
        {
            if (ParentGateway(route, parent) is not { } gateway)
            {
                yield break;
            }
            var cls = snapshot.Get(WatchedKinds.GatewayClasses).Get("", gateway.Spec?.GatewayClassName ?? "")!;
            var routeNs = route.Metadata.NamespaceProperty ?? "";
            foreach (var listener in gateway.Spec?.Listeners ?? [])
            {
                if (!AllowedRoutes(listener, gateway, parent, routeNs, kind))
                {
                    continue;
                }

                if (!ListenerReady(gateway, listener, IsUnmanaged(cls), kind))
                {
                    continue;
                }

                if (!string.IsNullOrEmpty(parent.SectionName) && parent.SectionName != listener.Name)
                {
                    continue;
                }

                if (parent.Port is int port && port != listener.Port)
                {
                    continue;
                }

                if (!ListenerProtocols.Accepts(kind, listener))
                {
                    continue;
                }

                if (hostnames is { Count: > 0 } && !string.IsNullOrEmpty(listener.Hostname) && !hostnames.Any(h => Hostnames.Intersect(h, listener.Hostname)))
                {
                    continue;
                }
                yield return listener;
            }
        }

        private bool AllowedRoutes(Listener listener, Gateway gateway, ParentReference parent, string routeNs, string kind)
        {
            if (listener.AllowedRoutes is not { } allowed)
            {
                return true;
            }
            if (allowed.Kinds is { Count: > 0 } kinds && !kinds.Any(k => k.Group == GatewayApiGroup.Name && k.Kind == kind))
            {
                return false;
            }
            switch (allowed.Namespaces?.From)
            {
                case null or "All":
                    return true;
                case "Same":
                    return routeNs == (parent.Namespace ?? gateway.Metadata.NamespaceProperty ?? "");
                case "Selector":
                    var labels = snapshot.Namespaces.Get("", routeNs)?.Metadata.Labels;
                    return LabelSelectors.Matches(allowed.Namespaces.Selector, labels);
                default:
                    return false;
            }
        }

        // Unmanaged classes: KIC writes the listener status itself, so the protocol's kinds are supported and the
        // listener programmed. Managed classes: what the other component wrote.
        private static bool ListenerReady(Gateway gateway, Listener listener, bool unmanaged, string kind)
        {
            if (unmanaged)
            {
                var kinds = listener.AllowedRoutes?.Kinds is { Count: > 0 } explicitKinds
                    ? explicitKinds.Where(k => k.Group == GatewayApiGroup.Name && k.Kind is "HTTPRoute" or "TCPRoute" or "UDPRoute" or "TLSRoute").Select(k => k.Kind)
                    : listener.Protocol switch
                    {
                        "HTTP" or "HTTPS" => ["HTTPRoute", "GRPCRoute"],
                        "TCP" => ["TCPRoute"],
                        "UDP" => ["UDPRoute"],
                        "TLS" => ["TLSRoute"],
                        _ => Array.Empty<string>(),
                    };
                return kinds.Contains(kind);
            }
            var status = gateway.Status?.Listeners?.FirstOrDefault(s => s.Name == listener.Name);
            return status is not null
                && (status.SupportedKinds ?? []).Any(k => (k.Group ?? GatewayApiGroup.Name) == GatewayApiGroup.Name && k.Kind == kind)
                && HasCondition(status.Conditions, "Programmed");
        }

        private static bool HasCondition(IEnumerable<V1Condition>? conditions, string type) =>
            conditions?.Any(c => c.Type == type && c.Status == "True") == true;
    }
}
