using k8s;
using k8s.Models;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Kubernetes;

/// <summary>Every kind the controller core watches, cluster-wide.</summary>
public static class WatchedKinds
{
    public static readonly WatchedKind<V1Ingress> Ingresses = Custom<V1Ingress>(
        "networking.k8s.io", "v1", "Ingress", "ingresses", namespaced: true, KindUse.TranslationInput, optional: false);

    public static readonly WatchedKind<V1IngressClass> IngressClasses = Custom<V1IngressClass>(
        "networking.k8s.io", "v1", "IngressClass", "ingressclasses", namespaced: false, KindUse.TranslationInput, optional: false);

    public static readonly WatchedKind<V1Service> Services = Custom<V1Service>(
        "", "v1", "Service", "services", namespaced: true, KindUse.TranslationInput, optional: false);

    public static readonly WatchedKind<V1EndpointSlice> EndpointSlices = Custom<V1EndpointSlice>(
        "discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", namespaced: true, KindUse.TranslationInput, optional: false);

    public static readonly WatchedKind<V1Secret> Secrets = Custom<V1Secret>(
        "", "v1", "Secret", "secrets", namespaced: true, KindUse.TranslationInput, optional: false);

    // The leader's push outcomes (Core/Sync/LeaderPushes) are the controller's own output, never a translation input.
    public static readonly WatchedKind<V1ConfigMap> ConfigMaps = new(
        "", "v1", "ConfigMap", "configmaps", namespaced: true, KindUse.TranslationInput, optional: true,
        notTranslationInput: key => key.Name == Sync.LeaderPushes.ConfigMapName);

    public static readonly WatchedKind<V1Namespace> Namespaces = Custom<V1Namespace>(
        "", "v1", "Namespace", "namespaces", namespaced: false, KindUse.Operational, optional: true);

    public static readonly WatchedKind<V1Pod> Pods = Custom<V1Pod>(
        "", "v1", "Pod", "pods", namespaced: true, KindUse.Operational, optional: true);

    public static readonly WatchedKind<V1Lease> Leases = Custom<V1Lease>(
        "coordination.k8s.io", "v1", "Lease", "leases", namespaced: true, KindUse.Operational, optional: true);

    public static readonly WatchedKind<V1Deployment> Deployments = Custom<V1Deployment>(
        "apps", "v1", "Deployment", "deployments", namespaced: true, KindUse.Operational, optional: true);

    public static readonly WatchedKind<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers = Custom<V2HorizontalPodAutoscaler>(
        "autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", namespaced: true, KindUse.Operational, optional: true);

    public static readonly WatchedKind<KongPlugin> KongPlugins = Custom<KongPlugin>(
        "configuration.konghq.com", "v1", "KongPlugin", "kongplugins", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<KongClusterPlugin> KongClusterPlugins = Custom<KongClusterPlugin>(
        "configuration.konghq.com", "v1", "KongClusterPlugin", "kongclusterplugins", namespaced: false, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<KongConsumer> KongConsumers = Custom<KongConsumer>(
        "configuration.konghq.com", "v1", "KongConsumer", "kongconsumers", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<KongUpstreamPolicy> KongUpstreamPolicies = Custom<KongUpstreamPolicy>(
        "configuration.konghq.com", "v1beta1", "KongUpstreamPolicy", "kongupstreampolicies", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<IngressClassParameters> IngressClassParameters = Custom<IngressClassParameters>(
        "configuration.konghq.com", "v1alpha1", "IngressClassParameters", "ingressclassparameterses", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<ReferenceGrant> ReferenceGrants = Custom<ReferenceGrant>(
        "gateway.networking.k8s.io", "v1beta1", "ReferenceGrant", "referencegrants", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<GatewayClass> GatewayClasses = Custom<GatewayClass>(
        "gateway.networking.k8s.io", "v1", "GatewayClass", "gatewayclasses", namespaced: false, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<Gateway> Gateways = Custom<Gateway>(
        "gateway.networking.k8s.io", "v1", "Gateway", "gateways", namespaced: true, KindUse.TranslationInput, optional: true);

    // KIC 3.5 watches BackendTLSPolicy v1alpha3 (internal/manager/controllerdef.go) and turns it into annotations of
    // the Services it targets (internal/dataplane/translator/ingressrules.go, handleBackendTLSPolices).
    public static readonly WatchedKind<BackendTlsPolicy> BackendTlsPolicies = Custom<BackendTlsPolicy>(
        "gateway.networking.k8s.io", "v1alpha3", "BackendTLSPolicy", "backendtlspolicies", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<HttpRoute> HttpRoutes = Custom<HttpRoute>(
        "gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<GrpcRoute> GrpcRoutes = Custom<GrpcRoute>(
        "gateway.networking.k8s.io", "v1", "GRPCRoute", "grpcroutes", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<TcpRoute> TcpRoutes = Custom<TcpRoute>(
        "gateway.networking.k8s.io", "v1alpha2", "TCPRoute", "tcproutes", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<UdpRoute> UdpRoutes = Custom<UdpRoute>(
        "gateway.networking.k8s.io", "v1alpha2", "UDPRoute", "udproutes", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<TlsRoute> TlsRoutes = Custom<TlsRoute>(
        "gateway.networking.k8s.io", "v1alpha2", "TLSRoute", "tlsroutes", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<KongIngress> KongIngresses = Custom<KongIngress>(
        "configuration.konghq.com", "v1", "KongIngress", "kongingresses", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<TCPIngress> TCPIngresses = Custom<TCPIngress>(
        "configuration.konghq.com", "v1beta1", "TCPIngress", "tcpingresses", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<UDPIngress> UDPIngresses = Custom<UDPIngress>(
        "configuration.konghq.com", "v1beta1", "UDPIngress", "udpingresses", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<KongConsumerGroup> KongConsumerGroups = Custom<KongConsumerGroup>(
        "configuration.konghq.com", "v1beta1", "KongConsumerGroup", "kongconsumergroups", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<KongVault> KongVaults = Custom<KongVault>(
        "configuration.konghq.com", "v1alpha1", "KongVault", "kongvaults", namespaced: false, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<KongCustomEntity> KongCustomEntities = Custom<KongCustomEntity>(
        "configuration.konghq.com", "v1alpha1", "KongCustomEntity", "kongcustomentities", namespaced: true, KindUse.TranslationInput, optional: true);

    public static readonly WatchedKind<KongServiceFacade> KongServiceFacades = Custom<KongServiceFacade>(
        "incubator.ingress-controller.konghq.com", "v1alpha1", "KongServiceFacade", "kongservicefacades", namespaced: true, KindUse.TranslationInput, optional: true);

    /// <summary>All kinds, translation inputs first so the first translation starts as early as possible.</summary>
    public static readonly IReadOnlyList<WatchedKind> All =
    [
        Ingresses, IngressClasses, Services, EndpointSlices, Secrets, ConfigMaps,
        KongPlugins, KongClusterPlugins, KongConsumers, KongUpstreamPolicies, IngressClassParameters, ReferenceGrants,
        GatewayClasses, Gateways, HttpRoutes, GrpcRoutes, TcpRoutes, UdpRoutes, TlsRoutes, BackendTlsPolicies,
        KongIngresses, TCPIngresses, UDPIngresses, KongConsumerGroups, KongVaults, KongCustomEntities, KongServiceFacades,
        Namespaces, Pods, Leases, Deployments, HorizontalPodAutoscalers,
    ];

    /// <summary>The kinds translation reads.</summary>
    public static readonly IReadOnlyList<WatchedKind> TranslationInputs = [.. All.Where(k => k.Use == KindUse.TranslationInput)];

    /// <summary>The kind declared for a CLR type, or null.</summary>
    public static WatchedKind? ForType(Type type) => ByType.GetValueOrDefault(type);

    private static readonly Dictionary<Type, WatchedKind> ByType = All.ToDictionary(k => k.ClrType);

    private static WatchedKind<T> Custom<T>(
        string group,
        string version,
        string kind,
        string plural,
        bool namespaced,
        KindUse use,
        bool optional)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(group, version, kind, plural, namespaced, use, optional);
}
