using System.Net;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>
/// Gateway status KIC writes for Gateways of an unmanaged class (gateway_controller.go, gateway_utils.go:
/// getListenerStatus): Accepted, Programmed, addresses from the proxy Service, listener statuses.
/// </summary>
public static class GatewayStatuses
{
    public const string AcceptedMessage = "this unmanaged gateway has been picked up by the controller and will be processed";
    public const string UnsupportedProtocolMessage = "no Kong listen with the requested protocol is configured";
    public const string PortUnavailableMessage = "no Kong listen with the requested protocol is configured for the requested port";
    public const string PublishServiceAnnotation = "konghq.com/publish-service";

    private static readonly string[] HttpKinds = ["HTTPRoute", "GRPCRoute"];
    private static readonly string[] ExplicitKinds = ["HTTPRoute", "TCPRoute", "UDPRoute", "TLSRoute"];

    /// <summary>
    /// The desired status of an unmanaged Gateway. Without the publish Service (unset or not found) only
    /// Accepted=True and Programmed=False/Pending are written, as KIC does before it computed the listeners.
    /// </summary>
    public static GatewayStatus Desired(ClusterSnapshot snapshot, Gateway gateway, StatusSettings settings, DateTime now)
    {
        var generation = gateway.Metadata.Generation;
        var observed = gateway.Status?.Conditions;
        var accepted = Conditions.Make("Accepted", "True", "Accepted", AcceptedMessage, generation, observed, now);
        var service = PublishService(snapshot, settings);
        if (service is null)
        {
            var pending = Conditions.Make("Programmed", "False", "Pending", "", generation, observed, now);
            return new GatewayStatus { Conditions = [accepted, pending], Addresses = gateway.Status?.Addresses, Listeners = gateway.Status?.Listeners };
        }
        var programmed = Conditions.Make("Programmed", "True", "Programmed", "", generation, observed, now);
        return new GatewayStatus
        {
            Conditions = [accepted, programmed],
            Addresses = Addresses(service),
            Listeners = Listeners(snapshot, gateway, KongListens.FromService(service), now),
        };
    }

    /// <summary>
    /// The <c>konghq.com/publish-service</c> annotation KIC writes on an unmanaged Gateway before any status (its first
    /// reconcile step), or null when it is already there or no publish Service is configured.
    /// </summary>
    public static string? MissingPublishServiceAnnotation(Gateway gateway, StatusSettings settings) =>
        settings.PublishService is { Length: > 0 } value && gateway.Metadata.Annotations?.ContainsKey(PublishServiceAnnotation) != true ? value : null;

    public static V1Service? PublishService(ClusterSnapshot snapshot, StatusSettings settings)
    {
        if (settings.PublishService?.Split('/') is not [var ns, var name])
        {
            return null;
        }
        return snapshot.Services.Get(ns, name);
    }

    /// <summary>LoadBalancer ingress only, each entry prepended (KIC's order ends up reversed); none → null.</summary>
    public static List<GatewayAddress>? Addresses(V1Service service)
    {
        var addresses = new List<GatewayAddress>();
        if (service.Spec?.Type == "LoadBalancer")
        {
            foreach (var ingress in service.Status?.LoadBalancer?.Ingress ?? [])
            {
                if (!string.IsNullOrEmpty(ingress.Ip) && IPAddress.TryParse(ingress.Ip, out _))
                {
                    addresses.Insert(0, new GatewayAddress { Type = "IPAddress", Value = ingress.Ip });
                }
                if (!string.IsNullOrEmpty(ingress.Hostname))
                {
                    addresses.Insert(0, new GatewayAddress { Type = "Hostname", Value = ingress.Hostname });
                }
            }
        }
        return addresses.Count == 0 ? null : addresses;
    }

    /// <summary>Listener statuses sorted by name (KIC's order is a map's).</summary>
    public static List<ListenerStatus> Listeners(ClusterSnapshot snapshot, Gateway gateway, KongListens kong, DateTime now)
    {
        var generation = gateway.Metadata.Generation;
        var listeners = gateway.Spec?.Listeners ?? [];
        var portProtocol = new Dictionary<int, string>();
        var portHostnames = new Dictionary<int, HashSet<string>>();
        var conflictedPorts = new HashSet<int>();
        var conflictedHostnames = new HashSet<(int, string)>();
        var drafts = new List<(Listener Listener, List<RouteGroupKind> Kinds, List<(string Type, string Status, string Reason, string Message)> Conditions)>();
        foreach (var listener in listeners)
        {
            var hostname = listener.Hostname ?? "";
            var conditions = new List<(string Type, string Status, string Reason, string Message)>();
            var (kinds, kindsResolved) = SupportedKinds(listener);
            if (!kindsResolved)
            {
                conditions.Add(("ResolvedRefs", "False", "InvalidRouteKinds", ""));
            }
            if (!portProtocol.TryGetValue(listener.Port, out var existing))
            {
                portProtocol[listener.Port] = listener.Protocol;
                portHostnames[listener.Port] = [hostname];
            }
            else if (!CanSharePort(listener.Protocol, existing))
            {
                conditions.Add(("Conflicted", "True", "ProtocolConflict", ""));
                conflictedPorts.Add(listener.Port);
            }
            else if (!portHostnames[listener.Port].Add(hostname))
            {
                conditions.Add(("Conflicted", "True", "HostnameConflict", ""));
                conflictedHostnames.Add((listener.Port, hostname));
            }
            if (!kong.HasProtocol(listener.Protocol))
            {
                conditions.Add(("Accepted", "False", "UnsupportedProtocol", UnsupportedProtocolMessage));
            }
            else if (!kong.Has(listener.Protocol, listener.Port))
            {
                conditions.Add(("Accepted", "False", "PortUnavailable", PortUnavailableMessage));
            }
            if (conditions.Count == 0)
            {
                conditions.Add(("Conflicted", "False", "NoConflicts", ""));
                conditions.Add(("ResolvedRefs", "True", "ResolvedRefs", ""));
                conditions.Add(("Programmed", "True", "Programmed", ""));
            }
            else
            {
                conditions.Add(("Programmed", "False", "Invalid", ""));
            }
            if (!conditions.Any(c => c.Type == "Accepted"))
            {
                conditions.Add(("Accepted", "True", "Accepted", ""));
            }
            drafts.Add((listener, kinds, conditions));
        }

        var result = new List<ListenerStatus>();
        foreach (var (listener, kinds, draft) in drafts)
        {
            var conditions = draft;
            // A conflict marks every listener on that port (protocol) or port+hostname, the first one included.
            var conflict = conflictedPorts.Contains(listener.Port) ? "ProtocolConflict"
                : conflictedHostnames.Contains((listener.Port, listener.Hostname ?? "")) ? "HostnameConflict" : null;
            if (conflict is not null)
            {
                conditions = [.. draft.Where(c => c.Type is not ("Programmed" or "Conflicted")), ("Conflicted", "True", conflict, ""), ("Programmed", "False", "Invalid", "")];
            }
            var observed = gateway.Status?.Listeners?.FirstOrDefault(s => s.Name == listener.Name)?.Conditions;
            result.Add(new ListenerStatus
            {
                Name = listener.Name,
                SupportedKinds = kinds,
                Conditions = [.. conditions
                    .OrderBy(c => c.Type + c.Status + c.Reason + c.Message, StringComparer.Ordinal)
                    .Select(c => Conditions.Make(c.Type, c.Status, c.Reason, c.Message, generation, observed, now))],
            });
        }
        // attachedRoutes reads the listener statuses (supportedKinds) just computed.
        foreach (var status in result)
        {
            var index = listeners.FindIndex(l => l.Name == status.Name);
            status.AttachedRoutes = AttachedRoutes(snapshot, gateway, listeners[index], result);
        }
        return [.. result.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>supportedKinds from allowedRoutes.kinds (GRPCRoute is not among the explicit ones in KIC 3.5) or the protocol.</summary>
    public static (List<RouteGroupKind> Kinds, bool Resolved) SupportedKinds(Listener listener)
    {
        if (listener.AllowedRoutes?.Kinds is { Count: > 0 } explicitKinds)
        {
            var kinds = explicitKinds.Where(k => k.Group == GatewayApiGroup.Name && ExplicitKinds.Contains(k.Kind))
                .Select(k => new RouteGroupKind { Group = GatewayApiGroup.Name, Kind = k.Kind }).ToList();
            return (kinds, kinds.Count == explicitKinds.Count);
        }
        var fromProtocol = listener.Protocol switch
        {
            "HTTP" or "HTTPS" => HttpKinds,
            "TCP" => ["TCPRoute"],
            "UDP" => ["UDPRoute"],
            "TLS" => ["TLSRoute"],
            _ => [],
        };
        return ([.. fromProtocol.Select(k => new RouteGroupKind { Group = GatewayApiGroup.Name, Kind = k })], true);
    }

    private static bool CanSharePort(string requested, string existing) => requested switch
    {
        "HTTPS" or "TLS" => existing is "HTTPS" or "TLS",
        "HTTP" => existing == "HTTP",
        _ => false,
    };

    /// <summary>HTTPRoutes only (KIC: getAttachedRoutesForListener): status.parents names this Gateway and some parentRef passes the listener tests but Programmed.</summary>
    private static int AttachedRoutes(ClusterSnapshot snapshot, Gateway gateway, Listener listener, List<ListenerStatus> statuses)
    {
        var count = 0;
        foreach (var view in RouteView.All(snapshot).Where(r => r.Kind == "HTTPRoute"))
        {
            var routeNs = ListenerMatch.RouteNamespace(view.Object);
            var named = (view.Status?.Parents ?? []).Any(p =>
                (p.ParentRef.Group is null || p.ParentRef.Group == GatewayApiGroup.Name)
                && (p.ParentRef.Kind is null || p.ParentRef.Kind == "Gateway")
                && (p.ParentRef.Namespace ?? routeNs) == gateway.Metadata.NamespaceProperty
                && p.ParentRef.Name == gateway.Metadata.Name);
            if (named && view.ParentRefs.Any(p => Passes(snapshot, gateway, listener, statuses, view, p)))
            {
                count++;
            }
        }
        return count;
    }

    private static bool Passes(ClusterSnapshot snapshot, Gateway gateway, Listener listener, List<ListenerStatus> statuses, RouteView route, ParentReference parent) =>
        (string.IsNullOrEmpty(parent.Namespace) ? ListenerMatch.RouteNamespace(route.Object) : parent.Namespace) == gateway.Metadata.NamespaceProperty
        && parent.Name == gateway.Metadata.Name
        && ListenerMatch.AllowedRoutes(snapshot, listener, gateway, parent, ListenerMatch.RouteNamespace(route.Object), route.Kind)
        && ListenerMatch.SupportsKind(statuses, listener.Name, route.Kind)
        && (string.IsNullOrEmpty(parent.SectionName) || parent.SectionName == listener.Name)
        && (parent.Port is not int port || port == listener.Port)
        && ListenerMatch.ProtocolMatches(route.Kind, listener)
        && ListenerMatch.HostnamesIntersect(route.Hostnames, listener);
}
