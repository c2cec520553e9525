using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>A backendRef that names an existing, permitted Service: port −1 when the ref has none.</summary>
internal sealed record ResolvedBackend(V1Service Service, int Port, int? Weight)
{
    /// <summary>
    /// backendRefs → backends (subtranslator/backendref.go: backendRefsToKongStateBackends). Refs without a kind, of
    /// another kind or group, to a missing Service or not permitted by a ReferenceGrant are dropped (KIC only logs them).
    /// </summary>
    public static List<ResolvedBackend> Resolve(ClusterSnapshot snapshot, IKubernetesObject<V1ObjectMeta> route, IEnumerable<BackendRef>? refs)
    {
        var result = new List<ResolvedBackend>();
        var routeNs = route.Metadata.NamespaceProperty ?? "";
        ReferenceGrants? grants = null;
        foreach (var backendRef in refs ?? [])
        {
            var ns = backendRef.Namespace ?? routeNs;
            if (backendRef.Kind != "Service")
            {
                continue;
            }
            if (snapshot.Services.Get(ns, backendRef.Name) is not { } service)
            {
                continue;
            }
            if (backendRef.Group is not (null or "" or "core"))
            {
                continue;
            }
            grants ??= ReferenceGrants.For(snapshot, route);
            if (!grants.Allows(backendRef.Namespace, backendRef.Group, backendRef.Kind, backendRef.Name))
            {
                continue;
            }
            result.Add(new ResolvedBackend(service, backendRef.Port ?? -1, backendRef.Weight));
        }
        return result;
    }

    /// <summary>HTTPRoute fills an unset group with "" and an unset namespace with the route's before resolving.</summary>
    public static IEnumerable<BackendRef> WithHttpDefaults(IEnumerable<BackendRef>? refs, string routeNamespace) =>
        (refs ?? []).Select(r => new BackendRef
        {
            Group = r.Group ?? "",
            Kind = r.Kind,
            Name = r.Name,
            Namespace = r.Namespace ?? routeNamespace,
            Port = r.Port,
            Weight = r.Weight,
            Filters = r.Filters,
        });
}
