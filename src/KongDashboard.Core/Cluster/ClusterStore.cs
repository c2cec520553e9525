using k8s;
using k8s.Models;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kubernetes;

namespace KongDashboard.Core.Cluster;

/// <summary>
/// The in-memory cache the reflectors fill. Every change publishes a new immutable <see cref="ClusterSnapshot"/>;
/// readers subscribe to <see cref="Snapshots"/> and never see a half-applied change.
/// </summary>
public sealed class ClusterStore
{
    private readonly StateFeed<ClusterSnapshot> _snapshots = new(ClusterSnapshot.Empty);

    public IStateFeed<ClusterSnapshot> Snapshots => _snapshots;

    public ClusterSnapshot Current => _snapshots.Current;

    public void Upsert<T>(WatchedKind<T> kind, T item) where T : class, IKubernetesObject<V1ObjectMeta> =>
        _snapshots.Update(s => Next(kind.With(s, kind.Get(s).Set(item))));

    public void Delete<T>(WatchedKind<T> kind, ObjectKey key) where T : class, IKubernetesObject<V1ObjectMeta> =>
        _snapshots.Update(s =>
        {
            var before = kind.Get(s);
            var after = before.Remove(key);
            return ReferenceEquals(before, after) ? s : Next(kind.With(s, after));
        });

    /// <summary>Replaces every object of a kind after a (re)list; objects gone from the list are deleted.</summary>
    public void Replace<T>(WatchedKind<T> kind, IEnumerable<T> items) where T : class, IKubernetesObject<V1ObjectMeta> =>
        _snapshots.Update(s => Next(kind.With(s, KindSet<T>.From(items))));

    private static ClusterSnapshot Next(ClusterSnapshot snapshot) => snapshot with { Version = snapshot.Version + 1 };
}
