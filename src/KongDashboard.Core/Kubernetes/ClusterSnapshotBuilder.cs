using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Kubernetes;

/// <summary>Builds a <see cref="ClusterSnapshot"/> from a flat list of objects (manifests, tests, benchmarks).</summary>
public static class ClusterSnapshotBuilder
{
    /// <summary>Objects of kinds the snapshot does not hold are skipped and named in <paramref name="ignored"/>.</summary>
    public static ClusterSnapshot From(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, out List<IKubernetesObject<V1ObjectMeta>> ignored)
    {
        ignored = [];
        var ingresses = new List<V1Ingress>();
        var classes = new List<V1IngressClass>();
        var services = new List<V1Service>();
        var slices = new List<V1EndpointSlice>();
        var secrets = new List<V1Secret>();
        var configMaps = new List<V1ConfigMap>();
        var plugins = new List<KongPlugin>();
        var clusterPlugins = new List<KongClusterPlugin>();
        var consumers = new List<KongConsumer>();
        var policies = new List<KongUpstreamPolicy>();
        var parameters = new List<IngressClassParameters>();
        var namespaces = new List<V1Namespace>();
        var pods = new List<V1Pod>();
        var leases = new List<V1Lease>();
        var deployments = new List<V1Deployment>();
        var hpas = new List<V2HorizontalPodAutoscaler>();
        foreach (var obj in objects)
        {
            obj.Metadata ??= new V1ObjectMeta();
            switch (obj)
            {
                case V1Ingress o: ingresses.Add(o); break;
                case V1IngressClass o: classes.Add(o); break;
                case V1Service o: services.Add(o); break;
                case V1EndpointSlice o: slices.Add(o); break;
                case V1Secret o: secrets.Add(o); break;
                case V1ConfigMap o: configMaps.Add(o); break;
                case KongClusterPlugin o: clusterPlugins.Add(o); break;
                case KongPlugin o: plugins.Add(o); break;
                case KongConsumer o: consumers.Add(o); break;
                case KongUpstreamPolicy o: policies.Add(o); break;
                case IngressClassParameters o: parameters.Add(o); break;
                case V1Namespace o: namespaces.Add(o); break;
                case V1Pod o: pods.Add(o); break;
                case V1Lease o: leases.Add(o); break;
                case V1Deployment o: deployments.Add(o); break;
                case V2HorizontalPodAutoscaler o: hpas.Add(o); break;
                default: ignored.Add(obj); break;
            }
        }
        return new ClusterSnapshot
        {
            Ingresses = KindSet<V1Ingress>.From(ingresses),
            IngressClasses = KindSet<V1IngressClass>.From(classes),
            Services = KindSet<V1Service>.From(services),
            EndpointSlices = KindSet<V1EndpointSlice>.From(slices),
            Secrets = KindSet<V1Secret>.From(secrets),
            ConfigMaps = KindSet<V1ConfigMap>.From(configMaps),
            KongPlugins = KindSet<KongPlugin>.From(plugins),
            KongClusterPlugins = KindSet<KongClusterPlugin>.From(clusterPlugins),
            KongConsumers = KindSet<KongConsumer>.From(consumers),
            KongUpstreamPolicies = KindSet<KongUpstreamPolicy>.From(policies),
            IngressClassParameters = KindSet<IngressClassParameters>.From(parameters),
            Namespaces = KindSet<V1Namespace>.From(namespaces),
            Pods = KindSet<V1Pod>.From(pods),
            Leases = KindSet<V1Lease>.From(leases),
            Deployments = KindSet<V1Deployment>.From(deployments),
            HorizontalPodAutoscalers = KindSet<V2HorizontalPodAutoscaler>.From(hpas),
        };
    }

    public static ClusterSnapshot From(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) => From(objects, out _);
}
