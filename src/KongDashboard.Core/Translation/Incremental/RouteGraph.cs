using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.Ingress;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation.Incremental;

/// <summary>
/// The Ingress → route → Kong service part of translation, kept between snapshots so that a change costs in
/// proportion to its size: changed keys come from <see cref="KindSet{T}.ChangedKeysSince"/>, only the Kong services
/// they touch are rebuilt, and services/upstreams stay in output order. When two snapshots are not related by a few
/// edits, everything is recomputed (still reusing per-Ingress and per-service work by reference).
/// Valid for one <see cref="Key"/>; a new graph is made when it changes.
/// </summary>
internal sealed class RouteGraph(ClassSelection selection, FeatureGates gates, string clusterDomain)
{
    /// <summary>What every cached result depends on besides the objects themselves.</summary>
    public readonly record struct Context(string Class, bool IsDefaultClass, bool LegacyRegexDetection, bool ServiceUpstream);

    // Beyond this many changed Ingresses a rebuild (parallel, cache-reusing) beats one-by-one inserts.
    private const int MaxIncrementalChanges = 256;

    private readonly ClassSelection _selection = selection;
    private readonly List<PartialSlot> _ordered = [];
    private readonly Dictionary<ObjectKey, PartialSlot> _slotByKey = [];
    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);
    // (namespace, Service) → the one group using it (nearly always) or a List<GroupState> of several.
    private readonly Dictionary<(string, string), object> _groupsByService = [];
    private readonly SortedByName.Pending<KongService> _services = new(static s => s.Name);
    private readonly SortedByName.Pending<KongUpstream> _upstreams = new(static u => u.Name);
    private KindSet<V1Ingress>? _ingresses;
    private KindSet<V1Service>? _k8sServices;
    private KindSet<KongUpstreamPolicy>? _policies;
    private KindSet<KongIngress>? _kongIngresses;
    private SliceIndex? _slices;
    private GroupState? _defaultGroup;
    private int _epoch;
    private int _syncs;

    public Context Key { get; } = KeyOf(selection);

    /// <summary>The KongServiceFacades Ingress backends resolve against; a graph is made anew when they change.</summary>
    public KindSet<KongServiceFacade> Facades { get; init; } = KindSet<KongServiceFacade>.Empty;

    public static Context KeyOf(ClassSelection selection) => new(
        selection.Class, selection.IsDefaultClass, selection.Parameters.EnableLegacyRegexDetection, selection.Parameters.ServiceUpstream);

    /// <summary>Selected Ingresses in translation order.</summary>
    public IReadOnlyList<PartialSlot> Ordered => _ordered;

    /// <summary>The oldest Ingress with a default backend: the only one that provides it (getDefaultBackendService).</summary>
    public PartialSlot? DefaultOwner { get; private set; }

    /// <summary>Kong services and upstreams in output order (descending name); callers copy them.</summary>
    public IReadOnlyList<KongService> Services => _services.Items;

    public IReadOnlyList<KongUpstream> Upstreams => _upstreams.Items;

    public void Sync(ClusterSnapshot snapshot)
    {
        var touched = new TouchedGroups(++_syncs);
        // A cold start indexes EndpointSlices on another core while the Ingress pass's sequential steps run.
        var slices = _slices is null ? Parallelism.Start(snapshot.EndpointSlices.Count, () => SliceIndex.Build(snapshot.EndpointSlices)) : null;
        SyncIngresses(snapshot.Ingresses, touched);
        SyncBackends(snapshot, slices?.Result, touched);
        Refresh(touched, snapshot);
    }

    /// <summary>Groups in order of first use (Ingress order, then the default backend), as KIC builds its services.</summary>
    public List<GroupState> GroupOrder()
    {
        _epoch++;
        var order = new List<GroupState>(_groups.Count);
        foreach (var slot in _ordered)
        {
            foreach (var group in slot.Groups)
            {
                if (group.Seen != _epoch)
                {
                    group.Seen = _epoch;
                    order.Add(group);
                }
            }
        }
        if (_defaultGroup is { } g && g.Seen != _epoch)
        {
            g.Seen = _epoch;
            order.Add(g);
        }
        return order;
    }

    private void SyncIngresses(KindSet<V1Ingress> ingresses, TouchedGroups touched)
    {
        if (ReferenceEquals(ingresses, _ingresses))
        {
            return;
        }

        var changed = _ingresses is null ? null : ingresses.ChangedKeysSince(_ingresses);
        var ownerMayMove = true;
        if (changed is null || changed.Count > MaxIncrementalChanges)
        {
            RebuildIngresses(ingresses, touched);
        }
        else
        {
            ownerMayMove = false;
            foreach (var key in changed)
            {
                var old = _slotByKey.GetValueOrDefault(key);
                var ingress = ingresses.Get(key);
                if (ingress is not null && !_selection.Selects(ingress))
                {
                    ingress = null;
                }

                if (ReferenceEquals(old?.Partial.Ingress, ingress))
                {
                    continue;
                }

                if (old is not null)
                {
                    ownerMayMove |= old.HasDefaultBackendSpec;
                    Detach(old, touched);
                }
                if (ingress is not null)
                {
                    var slot = NewSlot(IngressRouteTranslator.Translate(ingress, Key.LegacyRegexDetection, gates, Facades));
                    ownerMayMove |= slot.HasDefaultBackendSpec;
                    _ordered.Insert(SortedByName.InsertionPoint(_ordered, slot, PartialSlot.Compare), slot);
                    Attach(slot, touched, append: false);
                }
            }
        }
        _ingresses = ingresses;
        if (ownerMayMove)
        {
            UpdateDefaultOwner(touched);
        }
    }

    private void RebuildIngresses(KindSet<V1Ingress> ingresses, TouchedGroups touched)
    {
        var previous = new Dictionary<V1Ingress, IngressPartial>(_ordered.Count, ReferenceEqualityComparer.Instance);
        foreach (var slot in _ordered)
        {
            previous[slot.Partial.Ingress] = slot.Partial;
        }

        foreach (var group in _groups.Values)
        {
            group.Contributors.Clear();
            touched.Add(group);
        }
        _ordered.Clear();
        _slotByKey.Clear();

        var all = new V1Ingress[ingresses.Count];
        var count = 0;
        foreach (var ingress in ingresses)
        {
            all[count++] = ingress;
        }

        _slotByKey.EnsureCapacity(count);
        _groups.EnsureCapacity(count);
        _groupsByService.EnsureCapacity(count);
        // Pure per-object work (class selection included): spread a cold start over the cores.
        var slots = new PartialSlot?[count];
        Parallelism.For(count, i => slots[i] = !_selection.Selects(all[i]) ? null : SlotFor(
            previous.TryGetValue(all[i], out var partial) ? partial : IngressRouteTranslator.Translate(all[i], Key.LegacyRegexDetection, gates, Facades)));
        foreach (var slot in slots)
        {
            if (slot is null)
            {
                continue;
            }

            _slotByKey[slot.Key] = slot;
            _ordered.Add(slot);
        }
        _ordered.Sort(PartialSlot.Compare);
        foreach (var slot in _ordered)
        {
            Attach(slot, touched, append: true);
        }
    }

    private PartialSlot NewSlot(IngressPartial partial)
    {
        var slot = SlotFor(partial);
        _slotByKey[slot.Key] = slot;
        return slot;
    }

    private static PartialSlot SlotFor(IngressPartial partial)
    {
        var meta = partial.Ingress.Metadata;
        return new PartialSlot(partial, meta.CreationTimestamp ?? DateTime.MinValue, ObjectKey.Of(meta));
    }

    private void Attach(PartialSlot slot, TouchedGroups touched, bool append)
    {
        var routes = slot.Partial.Routes;
        var groups = new GroupState[routes.Count];
        for (var i = 0; i < groups.Length; i++)
        {
            var group = GetOrCreate(routes[i].KongServiceName);
            groups[i] = group;
            if (Array.IndexOf(groups, group, 0, i) >= 0)
            {
                continue;
            }

            if (append)
            {
                group.Contributors.Add(slot);
            }
            else
            {
                group.Contributors.Insert(SortedByName.InsertionPoint(group.Contributors, slot, PartialSlot.Compare), slot);
            }

            touched.Add(group);
        }
        slot.Groups = groups;
    }

    private void Detach(PartialSlot slot, TouchedGroups touched)
    {
        _ordered.RemoveAt(IndexOf(_ordered, slot));
        _slotByKey.Remove(slot.Key);
        for (var i = 0; i < slot.Groups.Length; i++)
        {
            var group = slot.Groups[i];
            if (Array.IndexOf(slot.Groups, group, 0, i) >= 0)
            {
                continue;
            }

            group.Contributors.RemoveAt(IndexOf(group.Contributors, slot));
            touched.Add(group);
        }
    }

    private static int IndexOf(List<PartialSlot> list, PartialSlot slot)
    {
        var at = SortedByName.InsertionPoint(list, slot, PartialSlot.Compare);
        return at < list.Count && ReferenceEquals(list[at], slot) ? at : throw new InvalidOperationException("slot missing from its ordered list");
    }

    private void UpdateDefaultOwner(TouchedGroups touched)
    {
        PartialSlot? owner = null;
        foreach (var slot in _ordered)
        {
            if (slot.HasDefaultBackendSpec)
            {
                owner = slot;
                break;
            }
        }
        if (ReferenceEquals(owner, DefaultOwner) && owner is not null)
        {
            return;
        }

        if (_defaultGroup is { } previous)
        {
            previous.DefaultEntry = null;
            previous.DefaultOwner = null;
            touched.Add(previous);
            _defaultGroup = null;
        }
        DefaultOwner = owner;
        if (owner?.Partial.DefaultBackend is { } entry)
        {
            var group = GetOrCreate(entry.KongServiceName);
            group.DefaultEntry = entry;
            group.DefaultOwner = owner;
            touched.Add(group);
            _defaultGroup = group;
        }
    }

    private GroupState GetOrCreate(string name)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            _groups[name] = group = new GroupState(name);
        }
        return group;
    }

    /// <summary>Marks the groups whose Service, EndpointSlices or KongUpstreamPolicy may have changed.</summary>
    private void SyncBackends(ClusterSnapshot snapshot, SliceIndex? builtSlices, TouchedGroups touched)
    {
        var all = false;
        if (!ReferenceEquals(_k8sServices, snapshot.Services))
        {
            var changed = _k8sServices is null ? null : snapshot.Services.ChangedKeysSince(_k8sServices);
            all |= changed is null;
            foreach (var key in changed ?? Enumerable.Empty<ObjectKey>())
            {
                TouchService((key.Namespace, key.Name), touched);
            }
            _k8sServices = snapshot.Services;
        }
        if (_slices is null)
        {
            _slices = builtSlices ?? SliceIndex.Build(snapshot.EndpointSlices);
            all = true;
        }
        else
        {
            _slices = _slices.Update(snapshot.EndpointSlices, out var pairs);
            all |= pairs is null;
            foreach (var pair in pairs ?? Enumerable.Empty<(string, string)>())
            {
                TouchService(pair, touched);
            }
        }
        // Policies are few and rarely change: re-check every service when they do.
        all |= !ReferenceEquals(_policies, snapshot.KongUpstreamPolicies);
        _policies = snapshot.KongUpstreamPolicies;
        // KongIngress overrides (konghq.com/override) likewise.
        var kongIngresses = snapshot.Get(WatchedKinds.KongIngresses);
        all |= !ReferenceEquals(_kongIngresses, kongIngresses);
        _kongIngresses = kongIngresses;
        if (all)
        {
            touched.AddRange(_groups.Values);
        }
    }

    private void TouchService((string, string) service, TouchedGroups touched)
    {
        if (!_groupsByService.TryGetValue(service, out var entry))
        {
            return;
        }

        if (entry is List<GroupState> groups)
        {
            touched.AddRange(groups);
        }
        else
        {
            touched.Add((GroupState)entry);
        }
    }

    /// <summary>Rebuilds what changed in each touched group: its service base (when an input changed) and its routes.</summary>
    private void Refresh(TouchedGroups touched, ClusterSnapshot snapshot)
    {
        var live = new List<GroupState>(touched.Items.Count);
        foreach (var group in touched.Items)
        {
            if (group.IsEmpty)
            {
                Delete(group);
            }
            else
            {
                live.Add(group);
            }
        }
        // Per-group work only reads the graph and the snapshot, so it runs over the cores; the shared indexes and
        // output lists are updated afterwards, one group at a time.
        var prepared = new GroupRefresh[live.Count];
        Parallelism.For(live.Count, i => prepared[i] = Prepare(live[i], snapshot));
        for (var i = 0; i < live.Count; i++)
        {
            Apply(live[i], prepared[i]);
        }

        _services.Apply();
        _upstreams.Apply();
    }

    /// <summary>A group's new inputs and outputs; <see cref="Assembled"/> is null when its service is unchanged.</summary>
    private readonly record struct GroupRefresh(
        ServiceBuilder.Input Input, ServiceBase Base, KongService? Assembled, KongRoute[] Routes, KongPluginEntity[] RewritePlugins,
        IReadOnlyList<(string? Namespace, string Name)>? ServicePluginRefs);

    private GroupRefresh Prepare(GroupState group, ClusterSnapshot snapshot)
    {
        var input = InputFor(group, snapshot);
        var cachedBase = group.Input is { } cached && SameInput(cached, input) ? group.Base : null;
        var entries = RouteEntries(group);
        if (cachedBase is not null && group.Routes is { } routes && SameRoutes(routes, entries))
        {
            return new GroupRefresh(input, cachedBase, null, routes, group.RewritePlugins, null);
        }
        var newRoutes = new KongRoute[entries.Length];
        List<KongPluginEntity>? rewrites = null;
        for (var i = 0; i < newRoutes.Length; i++)
        {
            newRoutes[i] = entries[i].Route;
            if (entries[i].RewritePlugin is { } plugin)
            {
                (rewrites ??= []).Add(plugin);
            }
        }
        var rewritePlugins = rewrites is null ? [] : rewrites.ToArray();
        if (cachedBase is not null)
        {
            return new GroupRefresh(input, cachedBase, cachedBase.Service with { Routes = newRoutes }, newRoutes, rewritePlugins, null);
        }
        var serviceBase = ServiceBuilder.BuildFinished(input, newRoutes);
        // Refs are parsed when the group's Service changes, not on every translation.
        var pluginRefs = input.K8sService is { } svc ? Annotations.PluginRefs(svc.Metadata.Annotations) : [];
        return new GroupRefresh(input, serviceBase, serviceBase.Service, newRoutes, rewritePlugins, pluginRefs);
    }

    private void Apply(GroupState group, GroupRefresh refresh)
    {
        Index(group, (refresh.Input.Namespace, refresh.Input.ServiceName));
        if (!ReferenceEquals(group.Base, refresh.Base))
        {
            if (group.Base is { } old)
            {
                _upstreams.Remove(old.Upstream);
            }

            _upstreams.Add(refresh.Base.Upstream);
            group.ServicePluginRefs = refresh.ServicePluginRefs ?? [];
        }
        group.Input = refresh.Input;
        group.Base = refresh.Base;
        if (refresh.Assembled is not { } assembled)
        {
            return;
        }

        if (group.Assembled is { } previous)
        {
            _services.Remove(previous);
        }

        group.Assembled = assembled;
        group.Routes = refresh.Routes;
        group.RewritePlugins = refresh.RewritePlugins;
        _services.Add(assembled);
    }

    private ServiceBuilder.Input InputFor(GroupState group, ClusterSnapshot snapshot)
    {
        // The first route (in Ingress order, the default backend last) names the service's namespace, Service and
        // port; its Ingress is the parent that failures point at.
        IngressRouteEntry first;
        ObjectRef parent;
        if (group.Contributors.Count > 0)
        {
            var slot = group.Contributors[0];
            first = slot.Partial.Routes[Array.IndexOf(slot.Groups, group)];
            parent = slot.Partial.Self;
        }
        else
        {
            first = group.DefaultEntry!;
            parent = group.DefaultOwner!.Partial.Self;
        }
        var k8sService = snapshot.Services.Get(first.Namespace, first.BackendServiceName);
        if (first.Facade is { } facade)
        {
            // KIC merges the facade's annotations over a copy of its backing Service; failures go to the facade.
            parent = ObjectRefs.Of(facade);
            if (k8sService is not null)
            {
                k8sService = KongCrds.FacadeCrds.WithFacadeAnnotations(k8sService, facade);
            }
        }
        var policyName = k8sService is null ? null : Annotations.Get(k8sService.Metadata.Annotations, Annotations.UpstreamPolicy);
        return new ServiceBuilder.Input(
            group.Name, first.Namespace, first.BackendServiceName, first.Port, group.Contributors.Count > 0, parent, k8sService,
            _slices!.For(first.Namespace, first.BackendServiceName),
            string.IsNullOrEmpty(policyName) ? null : snapshot.KongUpstreamPolicies.Get(first.Namespace, policyName),
            Key.ServiceUpstream, clusterDomain, gates.FillIDs,
            Facade: first.Facade,
            Override: Annotations.Get(k8sService?.Metadata.Annotations, Annotations.Override) is { Length: > 0 } overrideName
                ? snapshot.Get(WatchedKinds.KongIngresses).Get(first.Namespace, overrideName) : null);
    }

    /// <summary>The group's routes in output order (descending name), the default backend's included.</summary>
    private static IngressRouteEntry[] RouteEntries(GroupState group)
    {
        var count = group.DefaultEntry is null ? 0 : 1;
        foreach (var slot in group.Contributors)
        {
            foreach (var g in slot.Groups)
            {
                count += ReferenceEquals(g, group) ? 1 : 0;
            }
        }
        var entries = new IngressRouteEntry[count];
        var at = 0;
        foreach (var slot in group.Contributors)
        {
            for (var i = 0; i < slot.Groups.Length; i++)
            {
                if (ReferenceEquals(slot.Groups[i], group))
                {
                    entries[at++] = slot.Partial.Routes[i];
                }
            }
        }
        if (group.DefaultEntry is { } defaultEntry)
        {
            entries[at] = defaultEntry;
        }

        if (entries.Length > 1)
        {
            Array.Sort(entries, static (a, b) => string.CompareOrdinal(b.Route.Name, a.Route.Name));
        }

        return entries;
    }

    private void Delete(GroupState group)
    {
        _groups.Remove(group.Name);
        Index(group, null);
        if (group.Assembled is { } service)
        {
            _services.Remove(service);
        }

        if (group.Base is { } serviceBase)
        {
            _upstreams.Remove(serviceBase.Upstream);
        }

        if (ReferenceEquals(_defaultGroup, group))
        {
            _defaultGroup = null;
        }
    }

    private void Index(GroupState group, (string, string)? under)
    {
        if (group.IndexedUnder == under)
        {
            return;
        }

        if (group.IndexedUnder is { } old && _groupsByService.TryGetValue(old, out var entry))
        {
            if (entry is List<GroupState> list)
            {
                list.Remove(group);
                if (list.Count == 1)
                {
                    _groupsByService[old] = list[0];
                }
            }
            else if (ReferenceEquals(entry, group))
            {
                _groupsByService.Remove(old);
            }
        }
        if (under is { } key)
        {
            if (!_groupsByService.TryGetValue(key, out var existing))
            {
                _groupsByService[key] = group;
            }
            else if (existing is List<GroupState> groups)
            {
                groups.Add(group);
            }
            else
            {
                _groupsByService[key] = new List<GroupState> { (GroupState)existing, group };
            }
        }
        group.IndexedUnder = under;
    }

    private static bool SameRoutes(KongRoute[] previous, IngressRouteEntry[] current)
    {
        if (previous.Length != current.Length)
        {
            return false;
        }

        for (var i = 0; i < previous.Length; i++)
        {
            if (!ReferenceEquals(previous[i], current[i].Route))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameInput(ServiceBuilder.Input a, ServiceBuilder.Input b)
    {
        if (!ReferenceEquals(a.K8sService, b.K8sService) || !ReferenceEquals(a.Policy, b.Policy) || !ReferenceEquals(a.Override, b.Override)
            || !ReferenceEquals(a.Facade, b.Facade)
            || a.WithPath != b.WithPath || a.Port != b.Port || a.Parent != b.Parent
            || a.ServiceUpstream != b.ServiceUpstream || a.ClusterDomain != b.ClusterDomain || a.FillIds != b.FillIds
            || a.Namespace != b.Namespace || a.ServiceName != b.ServiceName || a.Slices.Count != b.Slices.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Slices.Count; i++)
        {
            if (!ReferenceEquals(a.Slices[i], b.Slices[i]))
            {
                return false;
            }
        }
        return true;
    }
}
