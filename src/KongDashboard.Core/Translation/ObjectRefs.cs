using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;

namespace KongDashboard.Core.Translation;

/// <summary>Group/version/kind of the object types the translator reads, and <see cref="ObjectRef"/>s for them.</summary>
public static class ObjectRefs
{
    public static (string Group, string Version, string Kind) TypeOf(IKubernetesObject<V1ObjectMeta> obj) =>
        WatchedKinds.ForType(obj.GetType()) is { } kind ? (kind.Group, kind.Version, kind.Kind) : SplitApiVersion(obj.ApiVersion, obj.Kind);

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
