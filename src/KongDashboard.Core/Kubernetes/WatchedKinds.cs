using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Kubernetes;

/// <summary>Every kind the controller core watches, cluster-wide.</summary>
public static class WatchedKinds
{
    public static readonly WatchedKind<V1Ingress> Ingresses = Typed<V1Ingress, V1IngressList>(
        "networking.k8s.io", "v1", "Ingress", s => s.Ingresses, (s, v) => s with { Ingresses = v },
        (c, r, ct) => c.NetworkingV1.ListIngressForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1IngressClass> IngressClasses = Typed<V1IngressClass, V1IngressClassList>(
        "networking.k8s.io", "v1", "IngressClass", s => s.IngressClasses, (s, v) => s with { IngressClasses = v },
        (c, r, ct) => c.NetworkingV1.ListIngressClassWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Service> Services = Typed<V1Service, V1ServiceList>(
        "", "v1", "Service", s => s.Services, (s, v) => s with { Services = v },
        (c, r, ct) => c.CoreV1.ListServiceForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1EndpointSlice> EndpointSlices = Typed<V1EndpointSlice, V1EndpointSliceList>(
        "discovery.k8s.io", "v1", "EndpointSlice", s => s.EndpointSlices, (s, v) => s with { EndpointSlices = v },
        (c, r, ct) => c.DiscoveryV1.ListEndpointSliceForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Secret> Secrets = Typed<V1Secret, V1SecretList>(
        "", "v1", "Secret", s => s.Secrets, (s, v) => s with { Secrets = v },
        (c, r, ct) => c.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1ConfigMap> ConfigMaps = Typed<V1ConfigMap, V1ConfigMapList>(
        "", "v1", "ConfigMap", s => s.ConfigMaps, (s, v) => s with { ConfigMaps = v },
        (c, r, ct) => c.CoreV1.ListConfigMapForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Namespace> Namespaces = Typed<V1Namespace, V1NamespaceList>(
        "", "v1", "Namespace", s => s.Namespaces, (s, v) => s with { Namespaces = v },
        (c, r, ct) => c.CoreV1.ListNamespaceWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Pod> Pods = Typed<V1Pod, V1PodList>(
        "", "v1", "Pod", s => s.Pods, (s, v) => s with { Pods = v },
        (c, r, ct) => c.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Lease> Leases = Typed<V1Lease, V1LeaseList>(
        "coordination.k8s.io", "v1", "Lease", s => s.Leases, (s, v) => s with { Leases = v },
        (c, r, ct) => c.CoordinationV1.ListLeaseForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V1Deployment> Deployments = Typed<V1Deployment, V1DeploymentList>(
        "apps", "v1", "Deployment", s => s.Deployments, (s, v) => s with { Deployments = v },
        (c, r, ct) => c.AppsV1.ListDeploymentForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers = Typed<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList>(
        "autoscaling", "v2", "HorizontalPodAutoscaler", s => s.HorizontalPodAutoscalers, (s, v) => s with { HorizontalPodAutoscalers = v },
        (c, r, ct) => c.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct));

    public static readonly WatchedKind<KongPlugin> KongPlugins = Custom<KongPlugin>(
        "configuration.konghq.com", "v1", "KongPlugin", "kongplugins", s => s.KongPlugins, (s, v) => s with { KongPlugins = v });

    public static readonly WatchedKind<KongClusterPlugin> KongClusterPlugins = Custom<KongClusterPlugin>(
        "configuration.konghq.com", "v1", "KongClusterPlugin", "kongclusterplugins", s => s.KongClusterPlugins, (s, v) => s with { KongClusterPlugins = v });

    public static readonly WatchedKind<KongConsumer> KongConsumers = Custom<KongConsumer>(
        "configuration.konghq.com", "v1", "KongConsumer", "kongconsumers", s => s.KongConsumers, (s, v) => s with { KongConsumers = v });

    public static readonly WatchedKind<KongUpstreamPolicy> KongUpstreamPolicies = Custom<KongUpstreamPolicy>(
        "configuration.konghq.com", "v1beta1", "KongUpstreamPolicy", "kongupstreampolicies", s => s.KongUpstreamPolicies, (s, v) => s with { KongUpstreamPolicies = v });

    public static readonly WatchedKind<IngressClassParameters> IngressClassParameters = Custom<IngressClassParameters>(
        "configuration.konghq.com", "v1alpha1", "IngressClassParameters", "ingressclassparameterses", s => s.IngressClassParameters, (s, v) => s with { IngressClassParameters = v });

    /// <summary>All kinds, translation inputs first so the first translation starts as early as possible.</summary>
    public static readonly IReadOnlyList<WatchedKind> All =
    [
        Ingresses, IngressClasses, Services, EndpointSlices, Secrets, ConfigMaps,
        KongPlugins, KongClusterPlugins, KongConsumers, KongUpstreamPolicies, IngressClassParameters,
        Namespaces, Pods, Leases, Deployments, HorizontalPodAutoscalers,
    ];

    private static WatchedKind<T> Typed<T, TList>(
        string group,
        string version,
        string kind,
        Func<ClusterSnapshot, KindSet<T>> get,
        Func<ClusterSnapshot, KindSet<T>, ClusterSnapshot> set,
        Func<IKubernetes, ListRequest, CancellationToken, Task<HttpOperationResponse<TList>>> call)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IItems<T>, IMetadata<V1ListMeta> =>
        new(group, version, kind,
            async (client, request, ct) => Erase(await call(client, request, ct).ConfigureAwait(false)),
            body => (((TList)body).Items?.ToList() ?? [], ((TList)body).Metadata?.ResourceVersion),
            get, set);

    private static WatchedKind<T> Custom<T>(
        string group,
        string version,
        string kind,
        string plural,
        Func<ClusterSnapshot, KindSet<T>> get,
        Func<ClusterSnapshot, KindSet<T>, ClusterSnapshot> set)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(group, version, kind,
            (client, r, ct) => client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                group, version, plural, allowWatchBookmarks: r.Watch, resourceVersion: r.ResourceVersion,
                timeoutSeconds: r.TimeoutSeconds, watch: r.Watch, cancellationToken: ct),
            body =>
            {
                var list = KubernetesJson.Deserialize<CustomResourceList<T>>(((JsonElement)body).GetRawText());
                return (list.Items.ToList(), list.Metadata?.ResourceVersion);
            },
            get, set);

    // The watch adapter reads the raw response stream, so the typed body can be erased to object.
    private static HttpOperationResponse<object> Erase<TList>(HttpOperationResponse<TList> response) =>
        new() { Request = response.Request, Response = response.Response, Body = response.Body! };
}
