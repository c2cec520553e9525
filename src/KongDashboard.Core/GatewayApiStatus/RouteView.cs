using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>The parts of any route kind that status computation reads.</summary>
public sealed record RouteView(string Kind, IKubernetesObject<V1ObjectMeta> Object, IReadOnlyList<ParentReference> ParentRefs, IReadOnlyList<string>? Hostnames, RouteStatus? Status)
{
    public ObjectKey Key => ObjectKey.Of(Object.Metadata);

    /// <summary>Every route of the five kinds in the snapshot, sorted by kind, namespace, name.</summary>
    public static IEnumerable<RouteView> All(ClusterSnapshot snapshot) =>
        [
            .. snapshot.Get(WatchedKinds.HttpRoutes).Select(r => new RouteView("HTTPRoute", r, r.Spec?.ParentRefs ?? [], r.Spec?.Hostnames, r.Status)),
            .. snapshot.Get(WatchedKinds.GrpcRoutes).Select(r => new RouteView("GRPCRoute", r, r.Spec?.ParentRefs ?? [], r.Spec?.Hostnames, r.Status)),
            .. snapshot.Get(WatchedKinds.TcpRoutes).Select(r => new RouteView("TCPRoute", r, r.Spec?.ParentRefs ?? [], null, r.Status)),
            .. snapshot.Get(WatchedKinds.UdpRoutes).Select(r => new RouteView("UDPRoute", r, r.Spec?.ParentRefs ?? [], null, r.Status)),
            .. snapshot.Get(WatchedKinds.TlsRoutes).Select(r => new RouteView("TLSRoute", r, r.Spec?.ParentRefs ?? [], r.Spec?.Hostnames, r.Status)),
        ];
}
