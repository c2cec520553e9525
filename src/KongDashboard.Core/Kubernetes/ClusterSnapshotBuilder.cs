using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Kubernetes;

/// <summary>Builds a <see cref="ClusterSnapshot"/> from a flat list of objects (manifests, tests, benchmarks).</summary>
public static class ClusterSnapshotBuilder
{
    /// <summary>Objects of kinds the snapshot does not hold are skipped and named in <paramref name="ignored"/>.</summary>
    public static ClusterSnapshot From(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, out List<IKubernetesObject<V1ObjectMeta>> ignored)
    {
        ignored = [];
        var byKind = new Dictionary<WatchedKind, List<IKubernetesObject<V1ObjectMeta>>>();
        foreach (var obj in objects)
        {
            obj.Metadata ??= new V1ObjectMeta();
            if (WatchedKinds.ForType(obj.GetType()) is { } kind)
            {
                if (!byKind.TryGetValue(kind, out var list))
                {
                    byKind[kind] = list = [];
                }
                list.Add(obj);
            }
            else
            {
                ignored.Add(obj);
            }
        }
        var snapshot = ClusterSnapshot.Empty;
        foreach (var kind in WatchedKinds.All)
        {
            snapshot = kind.WithObjects(snapshot, byKind.GetValueOrDefault(kind) ?? []);
        }
        return snapshot;
    }

    public static ClusterSnapshot From(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) => From(objects, out _);
}
