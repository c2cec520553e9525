using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Views;

/// <summary>
/// The Kubernetes object a Kong entity came from, read back from the <c>k8s-*</c> tags the translator wrote
/// (KIC internal/util/k8s.go: GenerateTagsForObject), so the views need nothing but the configuration.
/// </summary>
public static class EntitySource
{
    private const string NameTag = "k8s-name:";
    private const string NamespaceTag = "k8s-namespace:";
    private const string KindTag = "k8s-kind:";
    private const string UidTag = "k8s-uid:";
    private const string GroupTag = "k8s-group:";
    private const string VersionTag = "k8s-version:";

    /// <summary>The object named by the tags, or null when they name none (no kind or name tag).</summary>
    public static ObjectRef? FromTags(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return null;
        }

        string? name = null, ns = null, kind = null, uid = null, group = null, version = null;
        foreach (var tag in tags)
        {
            name ??= Value(tag, NameTag);
            ns ??= Value(tag, NamespaceTag);
            kind ??= Value(tag, KindTag);
            uid ??= Value(tag, UidTag);
            group ??= Value(tag, GroupTag);
            version ??= Value(tag, VersionTag);
        }

        // KIC tags core objects with group "core"; ObjectRef spells the core group as "".
        return name is null || kind is null
            ? null
            : new ObjectRef(group is null or "core" ? "" : group, version ?? "", kind, ns ?? "", name, uid);
    }

    /// <summary>Every distinct source among the tag lists, in first-seen order.</summary>
    public static ImmutableArray<ObjectRef> Distinct(IEnumerable<IReadOnlyList<string>?> tagLists) =>
        [.. tagLists.Select(FromTags).OfType<ObjectRef>().DistinctBy(SourceKey.Of)];

    private static string? Value(string tag, string prefix) =>
        tag.StartsWith(prefix, StringComparison.Ordinal) ? tag[prefix.Length..] : null;
}

/// <summary>Identity of a source object for lookups (kind, namespace, name; the uid and version may differ between tags).</summary>
public readonly record struct SourceKey(string Kind, string Namespace, string Name)
{
    public static SourceKey Of(ObjectRef source) => new(source.Kind, source.Namespace, source.Name);

    /// <summary>"Kind/namespace/name" (or "Kind//name"), the form used in URLs (<c>?source=</c>).</summary>
    public override string ToString() => $"{Kind}/{Namespace}/{Name}";

    public static SourceKey? Parse(string? text)
    {
        var parts = (text ?? "").Split('/');
        return parts.Length == 3 && parts[0].Length > 0 && parts[2].Length > 0 ? new SourceKey(parts[0], parts[1], parts[2]) : null;
    }
}
