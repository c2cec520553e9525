using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Translation.GatewayApi;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>
/// The per-listener tests of KIC's route_utils.go (getSupportedGatewayForRoute, isRouteAcceptedByListener), in
/// KIC's order, reading the listener statuses the caller passes (our own desired ones for unmanaged Gateways).
/// </summary>
internal static class ListenerMatch
{
    public static bool AllowedRoutes(ClusterSnapshot snapshot, Listener listener, Gateway gateway, ParentReference parent, string routeNs, string kind)
    {
        if (listener.AllowedRoutes is not { } allowed)
        {
            return true;
        }
        if (allowed.Kinds is { Count: > 0 } kinds && !kinds.Any(k => k.Group == GatewayApiGroup.Name && k.Kind == kind))
        {
            return false;
        }
        return allowed.Namespaces?.From switch
        {
            null or "All" => true,
            "Same" => routeNs == (string.IsNullOrEmpty(parent.Namespace) ? gateway.Metadata.NamespaceProperty ?? "" : parent.Namespace),
            "Selector" => LabelSelectors.Matches(allowed.Namespaces.Selector, snapshot.Namespaces.Get("", routeNs)?.Metadata.Labels),
            _ => false,
        };
    }

    public static bool SupportsKind(IEnumerable<ListenerStatus>? statuses, string listener, string kind) =>
        statuses?.FirstOrDefault(s => s.Name == listener) is { } status
        && (status.SupportedKinds ?? []).Any(k => (k.Group ?? GatewayApiGroup.Name) == GatewayApiGroup.Name && k.Kind == kind);

    public static bool Programmed(IEnumerable<ListenerStatus>? statuses, string listener) =>
        statuses?.FirstOrDefault(s => s.Name == listener)?.Conditions?.Any(c => c.Type == "Programmed" && c.Status == "True") == true;

    public static bool ProtocolMatches(string kind, Listener listener) => ListenerProtocols.Accepts(kind, listener);

    public static bool HostnamesIntersect(IReadOnlyList<string>? hostnames, Listener listener) =>
        hostnames is not { Count: > 0 } || string.IsNullOrEmpty(listener.Hostname) || hostnames.Any(h => Hostnames.Intersect(h, listener.Hostname));

    public static string RouteNamespace(IKubernetesObject<V1ObjectMeta> route) => route.Metadata.NamespaceProperty ?? "";
}
