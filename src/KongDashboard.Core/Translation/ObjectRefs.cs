using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Translation;

/// <summary>Group/version/kind of the object types the translator reads, and <see cref="ObjectRef"/>s for them.</summary>
public static class ObjectRefs
{
    public static (string Group, string Version, string Kind) TypeOf(IKubernetesObject<V1ObjectMeta> obj) => obj switch
    {
        V1Ingress => ("networking.k8s.io", "v1", "Ingress"),
        V1IngressClass => ("networking.k8s.io", "v1", "IngressClass"),
        V1Service => ("", "v1", "Service"),
        V1Secret => ("", "v1", "Secret"),
        V1ConfigMap => ("", "v1", "ConfigMap"),
        V1EndpointSlice => ("discovery.k8s.io", "v1", "EndpointSlice"),
        KongClusterPlugin => ("configuration.konghq.com", "v1", "KongClusterPlugin"),
        KongPlugin => ("configuration.konghq.com", "v1", "KongPlugin"),
        KongConsumer => ("configuration.konghq.com", "v1", "KongConsumer"),
        KongUpstreamPolicy => ("configuration.konghq.com", "v1beta1", "KongUpstreamPolicy"),
        IngressClassParameters => ("configuration.konghq.com", "v1alpha1", "IngressClassParameters"),
        _ => SplitApiVersion(obj.ApiVersion, obj.Kind),
    };

    public static ObjectRef Of(IKubernetesObject<V1ObjectMeta> obj)
    {
        var (group, version, kind) = TypeOf(obj);
        return new ObjectRef(group, version, kind, obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name ?? "", obj.Metadata.Uid);
    }

    private static (string, string, string) SplitApiVersion(string? apiVersion, string? kind)
    {
        var parts = (apiVersion ?? "").Split('/', 2);
        return parts.Length == 2 ? (parts[0], parts[1], kind ?? "") : ("", parts[0], kind ?? "");
    }
}
