using k8s.Models;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Cluster;

/// <summary>
/// An immutable view of every watched object at one moment: the only input of translation and of the UI.
/// <see cref="Version"/> increases with every change the store applies.
/// </summary>
public sealed record ClusterSnapshot
{
    public static readonly ClusterSnapshot Empty = new();

    public long Version { get; init; }

    // Translation inputs.
    public KindSet<V1Ingress> Ingresses { get; init; } = KindSet<V1Ingress>.Empty;
    public KindSet<V1IngressClass> IngressClasses { get; init; } = KindSet<V1IngressClass>.Empty;
    public KindSet<V1Service> Services { get; init; } = KindSet<V1Service>.Empty;
    public KindSet<V1EndpointSlice> EndpointSlices { get; init; } = KindSet<V1EndpointSlice>.Empty;
    public KindSet<V1Secret> Secrets { get; init; } = KindSet<V1Secret>.Empty;
    public KindSet<V1ConfigMap> ConfigMaps { get; init; } = KindSet<V1ConfigMap>.Empty;
    public KindSet<KongPlugin> KongPlugins { get; init; } = KindSet<KongPlugin>.Empty;
    public KindSet<KongClusterPlugin> KongClusterPlugins { get; init; } = KindSet<KongClusterPlugin>.Empty;
    public KindSet<KongConsumer> KongConsumers { get; init; } = KindSet<KongConsumer>.Empty;
    public KindSet<KongUpstreamPolicy> KongUpstreamPolicies { get; init; } = KindSet<KongUpstreamPolicy>.Empty;
    public KindSet<IngressClassParameters> IngressClassParameters { get; init; } = KindSet<IngressClassParameters>.Empty;

    // Operational kinds (gateways, leadership, autoscaling); not read by translation.
    public KindSet<V1Namespace> Namespaces { get; init; } = KindSet<V1Namespace>.Empty;
    public KindSet<V1Pod> Pods { get; init; } = KindSet<V1Pod>.Empty;
    public KindSet<V1Lease> Leases { get; init; } = KindSet<V1Lease>.Empty;
    public KindSet<V1Deployment> Deployments { get; init; } = KindSet<V1Deployment>.Empty;
    public KindSet<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers { get; init; } = KindSet<V2HorizontalPodAutoscaler>.Empty;

    /// <summary>True when every translation input is the same instance as in <paramref name="other"/>.</summary>
    public bool SameTranslationInputs(ClusterSnapshot other) =>
        ReferenceEquals(Ingresses, other.Ingresses) && ReferenceEquals(IngressClasses, other.IngressClasses)
        && ReferenceEquals(Services, other.Services) && ReferenceEquals(EndpointSlices, other.EndpointSlices)
        && ReferenceEquals(Secrets, other.Secrets) && ReferenceEquals(ConfigMaps, other.ConfigMaps)
        && ReferenceEquals(KongPlugins, other.KongPlugins) && ReferenceEquals(KongClusterPlugins, other.KongClusterPlugins)
        && ReferenceEquals(KongConsumers, other.KongConsumers) && ReferenceEquals(KongUpstreamPolicies, other.KongUpstreamPolicies)
        && ReferenceEquals(IngressClassParameters, other.IngressClassParameters);
}
