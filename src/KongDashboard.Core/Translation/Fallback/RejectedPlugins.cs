using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Translation;

/// <summary>
/// A KongPlugin or KongClusterPlugin that Kong rejected, so the fallback configuration leaves it out, and the objects
/// it was attached to (its referrers through <c>konghq.com/plugins</c>, or a KongCustomEntity's parentRef), which the
/// fallback leaves out with it together with what depends on them (KIC internal/dataplane/fallback: a plugin is a
/// dependency of every object that references it).
/// </summary>
/// <param name="Plugin">The rejected plugin.</param>
/// <param name="AttachedTo">The objects that referenced it, sorted; empty when nothing did.</param>
public sealed record RejectedPluginAttachments(ObjectRef Plugin, ImmutableArray<ObjectRef> AttachedTo);

/// <summary>Per-plugin records of a fallback, for per-object status ("left out: plugin P was rejected").</summary>
public static class RejectedPlugins
{
    /// <summary>One record per plugin among <paramref name="broken"/>, in the order given.</summary>
    public static ImmutableArray<RejectedPluginAttachments> Of(ClusterSnapshot snapshot, IEnumerable<ObjectRef> broken)
    {
        var plugins = broken.Where(b => b.Kind is "KongPlugin" or "KongClusterPlugin").Distinct().ToList();
        if (plugins.Count == 0)
        {
            return [];
        }
        var objects = FallbackSnapshot.AllObjects(snapshot).ToList();
        return [.. plugins.Select(plugin => new RejectedPluginAttachments(plugin, [.. objects
            .Where(o => FallbackSnapshot.DependsOn(o, plugin))
            .Select(ObjectRefs.Of)
            .OrderBy(o => o.Kind, StringComparer.Ordinal)
            .ThenBy(o => o.Namespace, StringComparer.Ordinal)
            .ThenBy(o => o.Name, StringComparer.Ordinal)]))];
    }
}
