using k8s;
using k8s.Models;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Cluster;

/// <summary>
/// An immutable view of every watched object at one moment: the only input of translation and of the UI.
/// <see cref="Version"/> increases with every change the store applies. Each kind of <see cref="WatchedKinds"/> has
/// one slot, read with <see cref="Get{T}"/>; a kind never written reads as empty.
/// </summary>
public sealed record ClusterSnapshot
{
    public static readonly ClusterSnapshot Empty = new();

    // Slots by WatchedKind.Index. Never mutated after construction: With copies.
    private readonly object?[] _sets = [];

    public long Version { get; init; }

    /// <summary>Kong entity schemas for KongCustomEntity types, fetched from a gateway by the sync side.</summary>
    public Kong.KongEntitySchemas EntitySchemas { get; init; } = Kong.KongEntitySchemas.None;

    public KindSet<T> Get<T>(WatchedKind<T> kind) where T : class, IKubernetesObject<V1ObjectMeta> =>
        kind.Index < _sets.Length && _sets[kind.Index] is KindSet<T> set ? set : KindSet<T>.Empty;

    public ClusterSnapshot With<T>(WatchedKind<T> kind, KindSet<T> objects) where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var sets = new object?[Math.Max(_sets.Length, kind.Index + 1)];
        Array.Copy(_sets, sets, _sets.Length);
        sets[kind.Index] = objects;
        return new ClusterSnapshot(this, sets);
    }

    public ClusterSnapshot()
    {
    }

    private ClusterSnapshot(ClusterSnapshot original, object?[] sets)
        : this(original)
    {
        _sets = sets;
    }

    /// <summary>True when every translation input is the same instance as in <paramref name="other"/>.</summary>
    public bool SameTranslationInputs(ClusterSnapshot other)
    {
        if (!ReferenceEquals(EntitySchemas, other.EntitySchemas))
        {
            return false;
        }
        foreach (var kind in WatchedKinds.TranslationInputs)
        {
            if (!kind.SameIn(this, other))
            {
                return false;
            }
        }
        return true;
    }

    // Shorthands for the kinds the code reads most; a new kind needs none (use Get).
    public KindSet<V1Ingress> Ingresses => Get(WatchedKinds.Ingresses);
    public KindSet<V1IngressClass> IngressClasses => Get(WatchedKinds.IngressClasses);
    public KindSet<V1Service> Services => Get(WatchedKinds.Services);
    public KindSet<V1EndpointSlice> EndpointSlices => Get(WatchedKinds.EndpointSlices);
    public KindSet<V1Secret> Secrets => Get(WatchedKinds.Secrets);
    public KindSet<V1ConfigMap> ConfigMaps => Get(WatchedKinds.ConfigMaps);
    public KindSet<KongPlugin> KongPlugins => Get(WatchedKinds.KongPlugins);
    public KindSet<KongClusterPlugin> KongClusterPlugins => Get(WatchedKinds.KongClusterPlugins);
    public KindSet<KongConsumer> KongConsumers => Get(WatchedKinds.KongConsumers);
    public KindSet<KongUpstreamPolicy> KongUpstreamPolicies => Get(WatchedKinds.KongUpstreamPolicies);
    public KindSet<IngressClassParameters> IngressClassParameters => Get(WatchedKinds.IngressClassParameters);
    public KindSet<V1Namespace> Namespaces => Get(WatchedKinds.Namespaces);
    public KindSet<V1Pod> Pods => Get(WatchedKinds.Pods);
    public KindSet<V1Lease> Leases => Get(WatchedKinds.Leases);
    public KindSet<V1Deployment> Deployments => Get(WatchedKinds.Deployments);
    public KindSet<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers => Get(WatchedKinds.HorizontalPodAutoscalers);
}
