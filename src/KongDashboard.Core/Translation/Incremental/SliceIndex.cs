using k8s.Models;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Translation.Incremental;

/// <summary>
/// EndpointSlices by (namespace, kubernetes.io/service-name), in name order. Lists are copied on change, never
/// edited in place, because cached service inputs hold them and are compared by element reference.
/// </summary>
internal sealed class SliceIndex
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";

    private readonly Dictionary<(string, string), List<V1EndpointSlice>> _index = [];

    public KindSet<V1EndpointSlice> Source { get; private set; }

    private SliceIndex(KindSet<V1EndpointSlice> source) => Source = source;

    public IReadOnlyList<V1EndpointSlice> For(string ns, string service) => _index.GetValueOrDefault((ns, service)) ?? [];

    public static SliceIndex Build(KindSet<V1EndpointSlice> slices)
    {
        var index = new SliceIndex(slices);
        index._index.EnsureCapacity(slices.Count);
        foreach (var slice in slices)
        {
            if (ServiceOf(slice) is { } key)
            {
                // Most Services have one slice.
                if (!index._index.TryGetValue(key, out var list))
                {
                    index._index[key] = list = new(1);
                }

                list.Add(slice);
            }
        }
        foreach (var list in index._index.Values)
        {
            if (list.Count > 1)
            {
                list.Sort(ByName);
            }
        }
        return index;
    }

    /// <summary>
    /// The index for <paramref name="next"/>: this one updated in place when the sets are related by a few edits;
    /// <paramref name="touched"/> receives the (namespace, Service) pairs whose slices changed, or null when unknown.
    /// </summary>
    public SliceIndex Update(KindSet<V1EndpointSlice> next, out HashSet<(string, string)>? touched)
    {
        touched = [];
        if (ReferenceEquals(next, Source))
        {
            return this;
        }

        var changed = next.ChangedKeysSince(Source);
        if (changed is null || changed.Count > 256)
        {
            touched = null;
            return Build(next);
        }
        foreach (var key in changed)
        {
            if (Source.Get(key) is { } before && ServiceOf(before) is { } a)
            {
                touched.Add(a);
            }

            if (next.Get(key) is { } after && ServiceOf(after) is { } b)
            {
                touched.Add(b);
            }
        }
        foreach (var (ns, service) in touched)
        {
            // Rebuild only the touched lists, from the changed keys: old objects out, new objects in.
            var list = new List<V1EndpointSlice>(For(ns, service));
            list.RemoveAll(s => changed.Contains(ObjectKey.Of(s.Metadata)));
            foreach (var key in changed)
            {
                if (next.Get(key) is { } slice && ServiceOf(slice) == (ns, service))
                {
                    list.Add(slice);
                }
            }
            list.Sort(ByName);
            if (list.Count > 0)
            {
                _index[(ns, service)] = list;
            }
            else
            {
                _index.Remove((ns, service));
            }
        }
        Source = next;
        return this;
    }

    private static (string, string)? ServiceOf(V1EndpointSlice slice) =>
        slice.Metadata.Labels is { } labels && labels.TryGetValue(ServiceNameLabel, out var service)
            ? (slice.Metadata.NamespaceProperty ?? "", service)
            : null;

    private static int ByName(V1EndpointSlice a, V1EndpointSlice b) => string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
}
