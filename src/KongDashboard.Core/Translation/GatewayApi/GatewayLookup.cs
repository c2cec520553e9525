using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// What the translator reads from the Gateways a route names (no class or status check, as KIC's translator):
/// listener protocols, ports and hostnames.
/// </summary>
internal static class GatewayLookup
{
    public static Gateway? GatewayOf(ClusterSnapshot snapshot, ParentReference parent, string routeNamespace)
    {
        var ns = string.IsNullOrEmpty(parent.Namespace) ? routeNamespace : parent.Namespace;
        return snapshot.Get(WatchedKinds.Gateways).Get(ns, parent.Name);
    }

    /// <summary>The listeners a parentRef selects: the one named by a set sectionName, else all.</summary>
    public static IEnumerable<Listener> SelectedListeners(Gateway gateway, ParentReference parent) =>
        (gateway.Spec?.Listeners ?? []).Where(l => parent.SectionName is null || parent.SectionName == l.Name);

    /// <summary>Ports of the listeners with <paramref name="protocol"/> over all parentRefs (translate_routes_helpers.go: getGatewayListeningPorts).</summary>
    public static List<int> ListeningPorts(ClusterSnapshot snapshot, string routeNamespace, string protocol, IEnumerable<ParentReference>? parents)
    {
        var ports = new List<int>();
        foreach (var parent in parents ?? [])
        {
            if (GatewayOf(snapshot, parent, routeNamespace) is not { } gateway)
            {
                continue;
            }

            ports.AddRange(SelectedListeners(gateway, parent).Where(l => l.Protocol == protocol).Select(l => l.Port));
        }
        return ports;
    }

    /// <summary>HTTPRoute route protocols from HTTP/HTTPS listeners, sorted; null when none (subtranslator/httproute.go: protocolsFromHTTPRoutesGatewayListeners).</summary>
    public static IReadOnlyList<string>? HttpProtocols(ClusterSnapshot snapshot, IEnumerable<HttpRoute> routes)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            foreach (var parent in route.Spec?.ParentRefs ?? [])
            {
                if (GatewayOf(snapshot, parent, route.Metadata.NamespaceProperty ?? "") is not { } gateway)
                {
                    continue;
                }

                foreach (var listener in SelectedListeners(gateway, parent))
                {
                    if (listener.Protocol == "HTTP")
                    {
                        set.Add("http");
                    }
                    else if (listener.Protocol == "HTTPS")
                    {
                        set.Add("https");
                    }
                }
            }
        }
        return set.Count == 0 ? null : [.. set];
    }
}
