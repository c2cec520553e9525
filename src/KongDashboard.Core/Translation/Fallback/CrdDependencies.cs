using k8s;
using k8s.Models;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Translation.Fallback;

/// <summary>
/// Fallback-graph edges of KIC's other CRDs besides their <c>konghq.com/plugins</c> references
/// (internal/dataplane/fallback/graph_dependencies_*.go). KongIngress, KongVault and consumer-group membership are
/// not edges in KIC, so a broken one excludes only itself.
/// </summary>
internal static class CrdDependencies
{
    public static IEnumerable<(string Kind, string Namespace, string Name)> Of(IKubernetesObject<V1ObjectMeta> obj, string ns)
    {
        switch (obj)
        {
            case TCPIngress tcp:
                foreach (var rule in tcp.Spec?.Rules ?? [])
                {
                    if (rule.Backend?.ServiceName is { Length: > 0 } svc)
                    {
                        yield return ("Service", ns, svc);
                    }
                }
                break;
            case UDPIngress udp:
                foreach (var rule in udp.Spec?.Rules ?? [])
                {
                    if (rule.Backend?.ServiceName is { Length: > 0 } svc)
                    {
                        yield return ("Service", ns, svc);
                    }
                }
                break;
            case KongServiceFacade facade:
                // The facade's own upstream policy; its backing Service is not an edge in KIC.
                if (Annotations.Get(facade.Metadata.Annotations, Annotations.UpstreamPolicy) is { Length: > 0 } policy)
                {
                    yield return ("KongUpstreamPolicy", ns, policy);
                }

                break;
            case KongCustomEntity entity when entity.Spec?.ParentRef is { Name: { Length: > 0 } parent } parentRef:
                // A cross-namespace parentRef creates no edge (KIC resolves it in the entity's namespace only).
                if (parentRef.Kind == "KongClusterPlugin")
                {
                    yield return ("KongClusterPlugin", "", parent);
                }
                else if (string.IsNullOrEmpty(parentRef.Namespace) || parentRef.Namespace == ns)
                {
                    yield return ("KongPlugin", ns, parent);
                }

                break;
        }
    }

    /// <summary>The facade name of an Ingress <c>resource</c> backend, or null for any other backend.</summary>
    public static string? FacadeName(V1TypedLocalObjectReference? resource) =>
        resource is { ApiGroup: KongServiceFacade.Group, Kind: "KongServiceFacade", Name: { Length: > 0 } name } ? name : null;
}
