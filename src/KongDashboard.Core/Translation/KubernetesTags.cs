using System.Collections.Concurrent;
using k8s;
using k8s.Models;

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

    // Kind, group, version and namespace tags repeat across thousands of objects: one string each, not one per entity.
    private static readonly ConcurrentDictionary<(string Prefix, string Value), string> Shared = new();

    public static IReadOnlyList<string> For(IKubernetesObject<V1ObjectMeta> obj, string group, string version, string kind)
    {
        var meta = obj.Metadata;
        var generated = new KubernetesTagList(
            meta.Name,
            string.IsNullOrEmpty(meta.NamespaceProperty) ? null : SharedTag("k8s-namespace:", meta.NamespaceProperty),
            string.IsNullOrEmpty(kind) ? null : SharedTag("k8s-kind:", kind),
            meta.Uid,
            string.IsNullOrEmpty(group) ? null : SharedTag("k8s-group:", group),
            string.IsNullOrEmpty(version) ? null : SharedTag("k8s-version:", version));
        string? user = null;
        meta.Annotations?.TryGetValue(UserTagsAnnotation, out user);
        return string.IsNullOrEmpty(user) ? generated : WithUserTags(generated, user);
    }

    public static IReadOnlyList<string> For(IKubernetesObject<V1ObjectMeta> obj) =>
        ObjectRefs.TypeOf(obj) is var (group, version, kind) ? For(obj, group, version, kind) : [];

    private static string SharedTag(string prefix, string value) =>
        Shared.TryGetValue((prefix, value), out var tag) ? tag : Shared.GetOrAdd((prefix, value), static k => k.Prefix + k.Value);

    private static List<string> WithUserTags(KubernetesTagList generated, string user)
    {
        var tags = new List<string>(generated);
        foreach (var tag in user.Split(','))
        {
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }
        return tags;
    }
}
