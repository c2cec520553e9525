using k8s;
using k8s.Models;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// Tags of entities made from a Gateway API object (internal/util/k8s.go: GenerateTagsForObject with
/// <c>k8s-named-route-rule</c> extras): the object's tags, then the extras (blank skipped, duplicates kept), then the
/// user tags of <c>konghq.com/tags</c>.
/// </summary>
internal static class GatewayTags
{
    public const string NamedRouteRulePrefix = "k8s-named-route-rule:";

    public static IReadOnlyList<string> For(IKubernetesObject<V1ObjectMeta> obj, IEnumerable<string?>? ruleNames = null)
    {
        var extras = ruleNames?.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => NamedRouteRulePrefix + n!.Trim()).ToList();
        if (extras is not { Count: > 0 })
        {
            return KubernetesTags.For(obj);
        }
        var (group, version, kind) = ObjectRefs.TypeOf(obj);
        var meta = obj.Metadata;
        var tags = new List<string>();
        if (!string.IsNullOrEmpty(meta.Name))
        {
            tags.Add("k8s-name:" + meta.Name);
        }

        if (!string.IsNullOrEmpty(meta.NamespaceProperty))
        {
            tags.Add("k8s-namespace:" + meta.NamespaceProperty);
        }

        if (!string.IsNullOrEmpty(kind))
        {
            tags.Add("k8s-kind:" + kind);
        }

        if (!string.IsNullOrEmpty(meta.Uid))
        {
            tags.Add("k8s-uid:" + meta.Uid);
        }

        if (!string.IsNullOrEmpty(group))
        {
            tags.Add("k8s-group:" + group);
        }

        if (!string.IsNullOrEmpty(version))
        {
            tags.Add("k8s-version:" + version);
        }

        tags.AddRange(extras);
        if (meta.Annotations is { } a && a.TryGetValue(KubernetesTags.UserTagsAnnotation, out var user) && !string.IsNullOrEmpty(user))
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
}
