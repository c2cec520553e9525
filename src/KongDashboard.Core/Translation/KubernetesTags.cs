using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Translation;

/// <summary>Kong tags that identify the Kubernetes object an entity came from (internal/util/k8s.go: GenerateTagsForObject).</summary>
public static class KubernetesTags
{
    public const string UserTagsAnnotation = "konghq.com/tags";

    /// <summary>The tags KIC uses when a Kong service's Kubernetes Service cannot be found (ingressrules.go).</summary>
    public static readonly IReadOnlyList<string> UnknownService =
    [
        "k8s-name:UNKNOWN", "k8s-namespace:UNKNOWN", "k8s-kind:Service",
        "k8s-uid:00000000-0000-0000-0000-000000000000", "k8s-group:core", "k8s-version:v1",
    ];

    public static IReadOnlyList<string> For(IKubernetesObject<V1ObjectMeta> obj, string group, string version, string kind)
    {
        var tags = new List<string>(6);
        var meta = obj.Metadata;
        if (!string.IsNullOrEmpty(meta.Name)) tags.Add("k8s-name:" + meta.Name);
        if (!string.IsNullOrEmpty(meta.NamespaceProperty)) tags.Add("k8s-namespace:" + meta.NamespaceProperty);
        if (!string.IsNullOrEmpty(kind)) tags.Add("k8s-kind:" + kind);
        if (!string.IsNullOrEmpty(meta.Uid)) tags.Add("k8s-uid:" + meta.Uid);
        if (!string.IsNullOrEmpty(group)) tags.Add("k8s-group:" + group);
        if (!string.IsNullOrEmpty(version)) tags.Add("k8s-version:" + version);
        if (meta.Annotations is not null && meta.Annotations.TryGetValue(UserTagsAnnotation, out var user) && user.Length > 0)
        {
            foreach (var tag in user.Split(','))
            {
                if (!tags.Contains(tag))
                {
                    tags.Add(tag);
                }
            }
        }
        return tags;
    }

    public static IReadOnlyList<string> For(IKubernetesObject<V1ObjectMeta> obj) =>
        ObjectRefs.TypeOf(obj) is var (group, version, kind) ? For(obj, group, version, kind) : [];
}
