using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Translation.GatewayApi;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>
/// A route's <c>status.parents</c> as KIC writes it (route_utils.go: getSupportedGatewayForRoute; httproute_controller.go:
/// ensureParentsProgrammedCondition, getHTTPRouteRuleReason): one entry per parentRef naming a Gateway of a controlled
/// class; other controllers' entries are kept, ours for parentRefs no longer in spec are dropped.
/// </summary>
public static class RouteStatuses
{
    /// <summary>
    /// The desired status; <paramref name="listenerStatuses"/> gives the listener statuses to read for a Gateway
    /// (our desired ones for unmanaged classes, the observed ones otherwise). Null when the route has no Gateway of
    /// ours and no entry of ours (nothing to write).
    /// </summary>
    public static RouteStatus? Desired(ClusterSnapshot snapshot, RouteView route, StatusSettings settings, Func<Gateway, IReadOnlyList<ListenerStatus>?> listenerStatuses, DateTime now)
    {
        var routeNs = ListenerMatch.RouteNamespace(route.Object);
        var generation = route.Object.Metadata.Generation;
        var ours = new List<RouteParentStatus>();
        foreach (var parent in route.ParentRefs)
        {
            if ((parent.Group ?? GatewayApiGroup.Name) != GatewayApiGroup.Name || (parent.Kind ?? "Gateway") != "Gateway")
            {
                continue; // KIC: reconcile error "unsupported parent kind"; nothing written for it.
            }
            var gatewayNs = string.IsNullOrEmpty(parent.Namespace) ? routeNs : parent.Namespace;
            var gateway = snapshot.Get(WatchedKinds.Gateways).Get(gatewayNs, parent.Name);
            var cls = gateway is null ? null : snapshot.Get(WatchedKinds.GatewayClasses).Get("", gateway.Spec?.GatewayClassName ?? "");
            if (gateway is null || cls?.Spec?.ControllerName != settings.ControllerName)
            {
                continue;
            }
            var key = new ParentReference
            {
                Group = GatewayApiGroup.Name,
                Kind = "Gateway",
                Namespace = gatewayNs,
                Name = parent.Name,
                SectionName = string.IsNullOrEmpty(parent.SectionName) ? null : parent.SectionName,
            };
            if (ours.Any(p => SameParent(route.Kind, p.ParentRef, key)))
            {
                continue;
            }
            var observed = route.Status?.Parents?.FirstOrDefault(p => p.ControllerName == settings.ControllerName && SameParent(route.Kind, p.ParentRef, key))?.Conditions;
            var (acceptedStatus, acceptedReason) = Accepted(snapshot, route, gateway, parent, listenerStatuses(gateway));
            var conditions = new List<V1Condition> { Conditions.Make("Accepted", acceptedStatus, acceptedReason, "", generation, observed, now) };
            if (route.Kind == "HTTPRoute")
            {
                var (resolved, reason, message) = ResolvedRefs(snapshot, (HttpRoute)route.Object);
                conditions.Add(Conditions.Make("ResolvedRefs", resolved ? "True" : "False", reason, message, generation, observed, now));
            }
            conditions.Add(Programmed(settings.Outcome(route.Kind, route.Key), generation, observed, now));
            ours.Add(new RouteParentStatus { ParentRef = key, ControllerName = settings.ControllerName, Conditions = conditions });
        }
        var others = (route.Status?.Parents ?? []).Where(p => p.ControllerName != settings.ControllerName).ToList();
        var hadOurs = route.Status?.Parents?.Any(p => p.ControllerName == settings.ControllerName) == true;
        if (ours.Count == 0 && !hadOurs)
        {
            return null;
        }
        return new RouteStatus { Parents = [.. others, .. ours] };
    }

    /// <summary>HTTPRoute and GRPCRoute parents are keyed by namespace/name/sectionName, the L4 kinds by namespace/name.</summary>
    public static bool SameParent(string kind, ParentReference a, ParentReference b) =>
        a.Namespace == b.Namespace && a.Name == b.Name
        && (kind is not ("HTTPRoute" or "GRPCRoute") || (a.SectionName ?? "") == (b.SectionName ?? ""));

    /// <summary>Accepted with KIC's reason: the listener tests in order, and the first applicable failure reason.</summary>
    public static (string Status, string Reason) Accepted(ClusterSnapshot snapshot, RouteView route, Gateway gateway, ParentReference parent, IReadOnlyList<ListenerStatus>? statuses)
    {
        var routeNs = ListenerMatch.RouteNamespace(route.Object);
        bool? hostnameMatched = null;
        bool allowedByRoutes = false, supportedKind = false, listenerReady = false, nameMatched = false, portMatched = false;
        foreach (var listener in gateway.Spec?.Listeners ?? [])
        {
            if (!ListenerMatch.AllowedRoutes(snapshot, listener, gateway, parent, routeNs, route.Kind))
            {
                continue;
            }

            allowedByRoutes = true;
            if (!ListenerMatch.SupportsKind(statuses, listener.Name, route.Kind))
            {
                continue;
            }

            supportedKind = true;
            if (!ListenerMatch.Programmed(statuses, listener.Name))
            {
                continue;
            }

            listenerReady = true;
            if (parent.SectionName is not null)
            {
                if (parent.SectionName != "" && parent.SectionName != listener.Name)
                {
                    continue;
                }

                nameMatched = true;
            }
            if (parent.Port is int port)
            {
                if (port != listener.Port)
                {
                    continue;
                }

                portMatched = true;
            }
            if (!ListenerMatch.ProtocolMatches(route.Kind, listener))
            {
                continue;
            }

            hostnameMatched = ListenerMatch.HostnamesIntersect(route.Hostnames, listener);
            if (hostnameMatched == true)
            {
                return ("True", "Accepted");
            }
        }
        var reason = hostnameMatched == false ? "NoMatchingListenerHostname"
            : parent.SectionName is not null && !nameMatched ? "NoMatchingParent"
            : !listenerReady ? "NotAllowedByListeners"
            : parent.Port is not null && !portMatched ? "NoMatchingParent"
            : !allowedByRoutes || !supportedKind ? "NotAllowedByListeners"
            : "NoMatchingParent";
        return ("False", reason);
    }

    /// <summary>
    /// ResolvedRefs over all backendRefs of all rules, first problem wins (getHTTPRouteRuleReason). The ReferenceGrant
    /// CRD is assumed installed (we watch it), so KIC's "install ReferenceGrant CRD" variant is never produced.
    /// </summary>
    public static (bool Resolved, string Reason, string Message) ResolvedRefs(ClusterSnapshot snapshot, HttpRoute route)
    {
        var routeNs = route.Metadata.NamespaceProperty ?? "";
        foreach (var backend in (route.Spec?.Rules ?? []).SelectMany(r => r.BackendRefs ?? []))
        {
            var ns = string.IsNullOrEmpty(backend.Namespace) ? routeNs : backend.Namespace;
            var group = backend.Group ?? "";
            var kind = backend.Kind ?? "Service";
            var gk = group.Length == 0 ? kind : $"{group}/{kind}";
            var target = $"{ns}/{backend.Name}";
            if (group.Length != 0 || kind != "Service")
            {
                return (false, "InvalidKind", $"target {target} has unsupported type {gk}");
            }
            if (snapshot.Services.Get(ns, backend.Name) is null)
            {
                return (false, "BackendNotFound", $"target {target} of type {gk} does not exist");
            }
            if (ns != routeNs)
            {
                var differentNamespace = $"{target} is in a different namespace than the HTTPRoute (namespace {routeNs})";
                if (!ReferenceGrants.For(snapshot, route).Allows(ns, group, kind, backend.Name))
                {
                    return (false, "RefNotPermitted", differentNamespace + " and no ReferenceGrant allowing reference is configured");
                }
            }
        }
        return (true, "ResolvedRefs", "");
    }

    private static V1Condition Programmed(ProgrammedOutcome outcome, long? generation, IEnumerable<V1Condition>? observed, DateTime now) => outcome switch
    {
        ProgrammedOutcome.ConfiguredInGateway => Conditions.Make("Programmed", "True", "ConfiguredInGateway", "", generation, observed, now),
        ProgrammedOutcome.TranslationError => Conditions.Make("Programmed", "False", "TranslationError", "", generation, observed, now),
        _ => Conditions.Make("Programmed", "Unknown", "Unknown", "", generation, observed, now),
    };
}
