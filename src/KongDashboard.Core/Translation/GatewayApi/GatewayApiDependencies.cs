using k8s;
using k8s.Models;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// Fallback graph edges of Gateway API routes (internal/dataplane/fallback/graph_dependencies_gatewayapi.go): a route
/// depends on the core/Service of every backendRef with a kind (and on its konghq.com/plugins, added by the caller).
/// Gateways and ExtensionRef KongPlugins are not edges in KIC.
/// </summary>
internal static class GatewayApiDependencies
{
    /// <summary>(namespace, name) of the backend Services; null when <paramref name="obj"/> is not a Gateway API route.</summary>
    public static IEnumerable<(string Namespace, string Name)>? BackendServices(IKubernetesObject<V1ObjectMeta> obj)
    {
        IEnumerable<BackendRef>? refs = obj switch
        {
            HttpRoute r => (r.Spec?.Rules ?? []).SelectMany(x => x.BackendRefs ?? []),
            GrpcRoute r => (r.Spec?.Rules ?? []).SelectMany(x => x.BackendRefs ?? []),
            TcpRoute r => (r.Spec?.Rules ?? []).SelectMany(x => x.BackendRefs ?? []),
            UdpRoute r => (r.Spec?.Rules ?? []).SelectMany(x => x.BackendRefs ?? []),
            TlsRoute r => (r.Spec?.Rules ?? []).SelectMany(x => x.BackendRefs ?? []),
            _ => null,
        };
        var ns = obj.Metadata.NamespaceProperty ?? "";
        return refs?
            .Where(b => b.Kind == "Service" && (string.IsNullOrEmpty(b.Group) || b.Group == "core"))
            .Select(b => (b.Namespace ?? ns, b.Name));
    }
}
