using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Kubernetes;

/// <summary>Every kind the controller core watches, cluster-wide.</summary>
public static class WatchedKinds
{
    public static readonly WatchedKind<V1Ingress> Ingresses = Typed<V1Ingress, V1IngressList>(
        "networking.k8s.io", "v1", "Ingress", "ingresses", namespaced: true, KindUse.TranslationInput, optional: false,
        (c, r, ct) => c.NetworkingV1.ListIngressForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1IngressClass> IngressClasses = Typed<V1IngressClass, V1IngressClassList>(
        "networking.k8s.io", "v1", "IngressClass", "ingressclasses", namespaced: false, KindUse.TranslationInput, optional: false,
        (c, r, ct) => c.NetworkingV1.ListIngressClassWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Service> Services = Typed<V1Service, V1ServiceList>(
        "", "v1", "Service", "services", namespaced: true, KindUse.TranslationInput, optional: false,
        (c, r, ct) => c.CoreV1.ListServiceForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1EndpointSlice> EndpointSlices = Typed<V1EndpointSlice, V1EndpointSliceList>(
        "discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", namespaced: true, KindUse.TranslationInput, optional: false,
        (c, r, ct) => c.DiscoveryV1.ListEndpointSliceForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Secret> Secrets = Typed<V1Secret, V1SecretList>(
        "", "v1", "Secret", "secrets", namespaced: true, KindUse.TranslationInput, optional: false,
        (c, r, ct) => c.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1ConfigMap> ConfigMaps = Typed<V1ConfigMap, V1ConfigMapList>(
        "", "v1", "ConfigMap", "configmaps", namespaced: true, KindUse.TranslationInput, optional: true,
        (c, r, ct) => c.CoreV1.ListConfigMapForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Namespace> Namespaces = Typed<V1Namespace, V1NamespaceList>(
        "", "v1", "Namespace", "namespaces", namespaced: false, KindUse.Operational, optional: true,
        (c, r, ct) => c.CoreV1.ListNamespaceWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Pod> Pods = Typed<V1Pod, V1PodList>(
        "", "v1", "Pod", "pods", namespaced: true, KindUse.Operational, optional: true,
        (c, r, ct) => c.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Lease> Leases = Typed<V1Lease, V1LeaseList>(
        "coordination.k8s.io", "v1", "Lease", "leases", namespaced: true, KindUse.Operational, optional: true,
        (c, r, ct) => c.CoordinationV1.ListLeaseForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Deployment> Deployments = Typed<V1Deployment, V1DeploymentList>(
        "apps", "v1", "Deployment", "deployments", namespaced: true, KindUse.Operational, optional: true,
        (c, r, ct) => c.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers = Typed<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList>(
        "autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", namespaced: true, KindUse.Operational, optional: true,
        (c, r, ct) => c.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

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
        KongIngresses, TCPIngresses, UDPIngresses, KongConsumerGroups, KongVaults, KongCustomEntities, KongServiceFacades,
        Namespaces, Pods, Leases, Deployments, HorizontalPodAutoscalers,
    ];

    /// <summary>The kinds translation reads.</summary>
    public static readonly IReadOnlyList<WatchedKind> TranslationInputs = [.. All.Where(k => k.Use == KindUse.TranslationInput)];

    /// <summary>The kind declared for a CLR type, or null.</summary>
    public static WatchedKind? ForType(Type type) => ByType.GetValueOrDefault(type);

    private static readonly Dictionary<Type, WatchedKind> ByType = All.ToDictionary(k => k.ClrType);

    private static WatchedKind<T> Typed<T, TList>(
        string group,
        string version,
        string kind,
        string plural,
        bool namespaced,
        KindUse use,
        bool optional,
        Func<IKubernetes, ListRequest, CancellationToken, Task<HttpOperationResponse<TList>>> call)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IItems<T>, IMetadata<V1ListMeta> =>
        new(group, version, kind, plural, namespaced, use, optional,
            async (client, request, ct) => Erase(await call(client, request, ct).ConfigureAwait(false)),
            body => (((TList)body).Items?.ToList() ?? [], ((TList)body).Metadata?.ResourceVersion));

    private static WatchedKind<T> Custom<T>(
        string group,
        string version,
        string kind,
        string plural,
        bool namespaced,
        KindUse use,
        bool optional)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(group, version, kind, plural, namespaced, use, optional,
            (client, r, ct) => client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                group, version, plural, allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion,
                timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct),
            body =>
            {
                var list = KubernetesJson.Deserialize<CustomResourceList<T>>(((JsonElement)body).GetRawText());
                return (list.Items.ToList(), list.Metadata?.ResourceVersion);
            });

    // The watch adapter reads the raw response stream, so the typed body can be erased to object.
    private static HttpOperationResponse<object> Erase<TList>(HttpOperationResponse<TList> response) =>
        new() { Request = response.Request, Response = response.Response, Body = response.Body! };
}
