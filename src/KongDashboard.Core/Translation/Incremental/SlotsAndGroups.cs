using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Translation.Ingress;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation.Incremental;

/// <summary>One selected Ingress in translation order, with the group each of its routes belongs to.</summary>
internal sealed class PartialSlot(IngressPartial partial, DateTime created, ObjectKey key)
{
    public IngressPartial Partial { get; } = partial;
    public DateTime Created { get; } = created;
    public ObjectKey Key { get; } = key;

    /// <summary>Parallel to <see cref="IngressPartial.Routes"/>.</summary>
    public GroupState[] Groups { get; set; } = [];

    public bool HasDefaultBackendSpec => Partial.Ingress.Spec?.DefaultBackend is not null;

    /// <summary>Translation order (translate_ingress.go): creationTimestamp, then namespace/name.</summary>
    public static int Compare(PartialSlot a, PartialSlot b)
    {
        var byCreated = a.Created.CompareTo(b.Created);
        return byCreated != 0 ? byCreated : a.Key.CompareTo(b.Key);
    }
}

/// <summary>
/// One Kong service: the Ingresses whose routes point at it (kept in translation order) and its last assembled
/// output, reused by reference while none of its inputs changed.
/// </summary>
internal sealed class GroupState(string name)
{
    public string Name { get; } = name;
    // Most Kong services have one contributing Ingress.
    public List<PartialSlot> Contributors { get; } = new(1);
    public IngressRouteEntry? DefaultEntry { get; set; }
    public PartialSlot? DefaultOwner { get; set; }

    /// <summary>The (namespace, Service) this group is indexed under for Service and EndpointSlice changes.</summary>
    public (string Namespace, string Service)? IndexedUnder { get; set; }

    public ServiceBuilder.Input? Input { get; set; }
    public ServiceBase? Base { get; set; }
    public KongRoute[]? Routes { get; set; }
    public KongService? Assembled { get; set; }
    public KongPluginEntity[] RewritePlugins { get; set; } = [];
    public IReadOnlyList<(string? Namespace, string Name)> ServicePluginRefs { get; set; } = [];

    /// <summary>Marks the group as visited in the current order walk.</summary>
    public int Seen { get; set; }

    /// <summary>The last sync that touched the group (see <see cref="TouchedGroups"/>).</summary>
    public int TouchedIn { get; set; }

    public bool IsEmpty => Contributors.Count == 0 && DefaultEntry is null;
}

/// <summary>
/// The groups one sync touched, each once, in the order first touched. Membership is a stamp on the group rather than
/// a hash lookup: a cold start touches every group.
/// </summary>
internal sealed class TouchedGroups(int sync)
{
    public List<GroupState> Items { get; } = [];

    public void Add(GroupState group)
    {
        if (group.TouchedIn == sync)
        {
            return;
        }

        group.TouchedIn = sync;
        Items.Add(group);
    }

    public void AddRange(IEnumerable<GroupState> groups)
    {
        foreach (var group in groups)
        {
            Add(group);
        }
    }
}
