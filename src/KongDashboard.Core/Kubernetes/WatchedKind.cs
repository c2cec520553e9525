using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Kubernetes;

/// <summary>One list+watch request: a list when <see cref="Watch"/> is false, else a watch from <see cref="ResourceVersion"/>.</summary>
public sealed record ListRequest(bool Watch, string? ResourceVersion, int? TimeoutSeconds);

/// <summary>A kind the controller lists and watches cluster-wide, and where its objects live in a <see cref="ClusterSnapshot"/>.</summary>
public abstract class WatchedKind(string group, string version, string kind)
{
    public string Group { get; } = group;
    public string Version { get; } = version;
    public string Kind { get; } = kind;

    public abstract int CountIn(ClusterSnapshot snapshot);

    public abstract IReflector CreateReflector(IKubernetes client, ClusterStore store, ReflectorOptions options, ILogger logger, Action onStatusChanged);

    public override string ToString() => Kind;
}

/// <summary>
/// A watched kind bound to its typed KubernetesClient call. One raw call serves both list and watch, as in the
/// API itself (watch is a parameter of the list), so every kind gets the same reflector semantics.
/// </summary>
public sealed class WatchedKind<T>(
    string group,
    string version,
    string kind,
    Func<IKubernetes, ListRequest, CancellationToken, Task<HttpOperationResponse<object>>> call,
    Func<object, (IReadOnlyList<T> Items, string? ResourceVersion)> readList,
    Func<ClusterSnapshot, KindSet<T>> get,
    Func<ClusterSnapshot, KindSet<T>, ClusterSnapshot> set) : WatchedKind(group, version, kind)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public Func<IKubernetes, ListRequest, CancellationToken, Task<HttpOperationResponse<object>>> Call { get; } = call;

    public (IReadOnlyList<T> Items, string? ResourceVersion) ReadList(object body) => readList(body);

    public KindSet<T> Get(ClusterSnapshot snapshot) => get(snapshot);

    public ClusterSnapshot With(ClusterSnapshot snapshot, KindSet<T> objects) => set(snapshot, objects);

    public override int CountIn(ClusterSnapshot snapshot) => get(snapshot).Count;

    public override IReflector CreateReflector(IKubernetes client, ClusterStore store, ReflectorOptions options, ILogger logger, Action onStatusChanged) =>
        new Reflector<T>(this, client, store, options, logger, onStatusChanged);
}
