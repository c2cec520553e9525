using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Kubernetes;

/// <summary>What a watched kind is for.</summary>
public enum KindUse
{
    /// <summary>Read by translation: a change re-translates, the fallback may leave its objects out.</summary>
    TranslationInput,

    /// <summary>Read by the dashboard and the controller's own machinery (gateways, leadership, autoscaling).</summary>
    Operational,
}

/// <summary>
/// A kind the controller lists and watches cluster-wide: the one declaration (in <see cref="WatchedKinds"/>) from which
/// the snapshot slot, the reflector, the manifest loader's type map, the fallback's object list, object references
/// and the RBAC the deployment needs are all derived.
/// </summary>
public abstract class WatchedKind
{
    private static int _next = -1;

    protected WatchedKind(string group, string version, string kind, string plural, bool namespaced, KindUse use, bool optional, Type clrType)
    {
        Group = group;
        Version = version;
        Kind = kind;
        Plural = plural;
        Namespaced = namespaced;
        Use = use;
        Optional = optional;
        ClrType = clrType;
        Index = Interlocked.Increment(ref _next);
    }

    public string Group { get; }
    public string Version { get; }
    public string Kind { get; }

    /// <summary>The resource name in the API path (and in RBAC rules).</summary>
    public string Plural { get; }

    public bool Namespaced { get; }
    public KindUse Use { get; }

    /// <summary>
    /// KIC runs without it when its API is not served (CRD not installed) or not allowed (RBAC): translation goes on
    /// with the kinds that are there, and the reason is shown. A required kind must list before the first push.
    /// </summary>
    public bool Optional { get; }

    public Type ClrType { get; }

    /// <summary>The slot of this kind in a <see cref="ClusterSnapshot"/>.</summary>
    internal int Index { get; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The verbs the controller uses on this kind (see <see cref="ApiGrants"/>): it lists and watches, nothing more.</summary>
    public IReadOnlyList<string> Verbs { get; } = ["list", "watch"];

    public abstract int CountIn(ClusterSnapshot snapshot);

    /// <summary>The objects of this kind in <paramref name="snapshot"/>.</summary>
    public abstract IEnumerable<IKubernetesObject<V1ObjectMeta>> ObjectsIn(ClusterSnapshot snapshot);

    /// <summary><paramref name="snapshot"/> with this kind's objects replaced by those of <paramref name="objects"/> of this kind.</summary>
    public abstract ClusterSnapshot WithObjects(ClusterSnapshot snapshot, IEnumerable<IKubernetesObject<V1ObjectMeta>> objects);

    /// <summary><paramref name="snapshot"/> without this kind's objects that <paramref name="drop"/> selects.</summary>
    public abstract ClusterSnapshot Without(ClusterSnapshot snapshot, Func<IKubernetesObject<V1ObjectMeta>, bool> drop);

    public abstract bool SameIn(ClusterSnapshot a, ClusterSnapshot b);

    public abstract IReflector CreateReflector(IKubernetes client, ClusterStore store, ReflectorOptions options, ILogger logger, Action onStatusChanged);

    public override string ToString() => Kind;
}

/// <summary>A watched kind of objects of type <typeparamref name="T"/>; every kind is listed and watched the same way (<see cref="Reflector{T}"/>).</summary>
public sealed class WatchedKind<T>(
    string group,
    string version,
    string kind,
    string plural,
    bool namespaced,
    KindUse use,
    bool optional,
    Func<ObjectKey, bool>? notTranslationInput = null)
    : WatchedKind(group, version, kind, plural, namespaced, use, optional, typeof(T))
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public KindSet<T> Get(ClusterSnapshot snapshot) => snapshot.Get(this);

    public ClusterSnapshot With(ClusterSnapshot snapshot, KindSet<T> objects) => snapshot.With(this, objects);

    public override int CountIn(ClusterSnapshot snapshot) => Get(snapshot).Count;

    public override IEnumerable<IKubernetesObject<V1ObjectMeta>> ObjectsIn(ClusterSnapshot snapshot) => Get(snapshot);

    public override ClusterSnapshot WithObjects(ClusterSnapshot snapshot, IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        With(snapshot, KindSet<T>.From(objects.OfType<T>()));

    public override ClusterSnapshot Without(ClusterSnapshot snapshot, Func<IKubernetesObject<V1ObjectMeta>, bool> drop)
    {
        var set = Get(snapshot);
        var result = set;
        foreach (var obj in set)
        {
            if (drop(obj))
            {
                result = result.Remove(ObjectKey.Of(obj.Metadata));
            }
        }
        return ReferenceEquals(result, set) ? snapshot : With(snapshot, result);
    }

    /// <summary>
    /// Same for translation: the same set, or only objects that are no translation input changed (the controller's own
    /// ConfigMap: a leader writing it must not cause a translation on every replica).
    /// </summary>
    public override bool SameIn(ClusterSnapshot a, ClusterSnapshot b) =>
        ReferenceEquals(Get(a), Get(b))
        || (notTranslationInput is not null && Get(a).ChangedKeysSince(Get(b)) is { } changed && changed.All(notTranslationInput));

    public override IReflector CreateReflector(IKubernetes client, ClusterStore store, ReflectorOptions options, ILogger logger, Action onStatusChanged) =>
        new Reflector<T>(this, client, store, options, logger, onStatusChanged);
}
