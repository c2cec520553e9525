using System.Collections.Immutable;
using System.Diagnostics;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.DeckGen;
using KongDashboard.Core.Translation.Ingress;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation;

/// <summary>
/// Ingress (networking.k8s.io/v1) → Kong declarative configuration, identical to KIC 3.5
/// (internal/dataplane/translator/translator.go: BuildKongConfig, then deckgen.ToDeckContent).
/// Incremental: per-Ingress and per-Kong-service results are cached by the references of the objects they were
/// built from, so a one-object change re-translates only what depends on it. Not thread-safe: one caller at a time.
/// </summary>
public sealed class Translator
{
    private readonly TranslatorOptions _options;
    private readonly Lock _lock = new();

    private (bool Legacy, bool ServiceUpstream) _partialContext;
    private Dictionary<V1Ingress, IngressPartial> _partials = new(ReferenceEqualityComparer.Instance);
    private Dictionary<string, CachedServiceBase> _serviceBases = new(StringComparer.Ordinal);
    private KindSet<V1EndpointSlice>? _sliceIndexSource;
    private Dictionary<(string, string), List<V1EndpointSlice>> _sliceIndex = [];
    private (KindSet<V1Ingress>? Source, ClassSelection? Selection, List<V1Ingress> Sorted) _ordered = (null, null, []);

    private sealed record CachedServiceBase(ServiceBuilder.Input Input, ServiceBase Base, KongService? Assembled, KongRoute[]? Routes);

    public Translator(TranslatorOptions options)
    {
        _options = options;
    }

    public TranslatorOptions Options => _options;

    public TranslationResult Translate(ClusterSnapshot snapshot)
    {
        lock (_lock)
        {
            var stopwatch = Stopwatch.StartNew();
            var failures = new List<TranslationFailure>();
            var config = Build(snapshot, failures);
            return new TranslationResult(config, [.. failures], stopwatch.Elapsed);
        }
    }

    private KongConfig Build(ClusterSnapshot snapshot, List<TranslationFailure> failures)
    {
        var gates = _options.FeatureGates;
        var selection = ClassSelection.For(snapshot, _options.IngressClass);
        var ingresses = OrderedIngresses(snapshot, selection);

        // 1. Per-Ingress routes (cached by Ingress reference).
        var context = (selection.Parameters.EnableLegacyRegexDetection, selection.Parameters.ServiceUpstream);
        if (context != _partialContext)
        {
            _partials.Clear();
            _partialContext = context;
        }
        var partials = new Dictionary<V1Ingress, IngressPartial>(ingresses.Count, ReferenceEqualityComparer.Instance);
        var ordered = new IngressPartial[ingresses.Count];
        var misses = new List<int>();
        for (var i = 0; i < ingresses.Count; i++)
        {
            if (_partials.TryGetValue(ingresses[i], out var partial))
            {
                ordered[i] = partial;
            }
            else
            {
                misses.Add(i);
            }
        }
        // Pure per-object work: spread a cold start over the cores.
        ForEach(misses, i => ordered[i] = IngressRouteTranslator.Translate(ingresses[i], context.EnableLegacyRegexDetection, gates));
        foreach (var partial in ordered)
        {
            partials[partial.Ingress] = partial;
            failures.AddRange(partial.Failures);
        }
        _partials = partials;

        // 2. Group routes into Kong services: one per (namespace, Service, port), across Ingresses.
        var groups = new Dictionary<string, ServiceGroup>(StringComparer.Ordinal);
        var groupOrder = new List<ServiceGroup>();
        foreach (var partial in ordered)
        {
            foreach (var entry in partial.Routes)
            {
                AddToGroup(groups, groupOrder, entry, partial.Self, withPath: true);
            }
        }
        // Only the oldest Ingress with a default backend provides one (translate_ingress.go: getDefaultBackendService).
        var defaultBackendOwner = ordered.FirstOrDefault(p => p.Ingress.Spec?.DefaultBackend is not null);
        if (defaultBackendOwner is not null)
        {
            if (defaultBackendOwner.DefaultBackend is { } entry)
            {
                AddToGroup(groups, groupOrder, entry, defaultBackendOwner.Self, withPath: false);
            }
            else if (defaultBackendOwner.DefaultBackendFailure is { } failure)
            {
                failures.Add(failure);
            }
        }

        // 3. Kong services and upstreams (cached by the references of their inputs).
        var services = new List<KongService>(groupOrder.Count);
        var upstreams = new List<KongUpstream>(groupOrder.Count);
        var rewritePlugins = new List<KongPluginEntity>();
        var serviceBases = new Dictionary<string, CachedServiceBase>(groupOrder.Count, StringComparer.Ordinal);
        var sliceIndex = SliceIndex(snapshot);
        var serviceIndex = ServiceIndex(snapshot);
        var inputs = new ServiceBuilder.Input[groupOrder.Count];
        var bases = new CachedServiceBase?[groupOrder.Count];
        var baseMisses = new List<int>();
        for (var g = 0; g < groupOrder.Count; g++)
        {
            var group = groupOrder[g];
            var k8sService = serviceIndex.GetValueOrDefault(new ObjectKey(group.Namespace, group.ServiceName));
            var policyName = k8sService is null ? null : Annotations.Get(k8sService.Metadata.Annotations, Annotations.UpstreamPolicy);
            var input = new ServiceBuilder.Input(
                group.Name, group.Namespace, group.ServiceName, group.Port, group.WithPath, group.Parent, k8sService,
                sliceIndex.GetValueOrDefault((group.Namespace, group.ServiceName)) ?? [],
                string.IsNullOrEmpty(policyName) ? null : snapshot.KongUpstreamPolicies.Get(group.Namespace, policyName),
                selection.Parameters.ServiceUpstream, _options.ClusterDomain, gates.FillIDs);
            inputs[g] = input;
            if (_serviceBases.TryGetValue(group.Name, out var cached) && SameInput(cached.Input, input))
            {
                bases[g] = cached;
            }
            else
            {
                baseMisses.Add(g);
            }
        }
        ForEach(baseMisses, g => bases[g] = new CachedServiceBase(inputs[g], ServiceBuilder.BuildFinished(inputs[g]), null, null));

        for (var g = 0; g < groupOrder.Count; g++)
        {
            var group = groupOrder[g];
            var cached = bases[g]!;
            failures.AddRange(cached.Base.Failures);
            group.Routes.Sort(static (a, b) => string.CompareOrdinal(b.Route.Name, a.Route.Name));
            foreach (var entry in group.Routes)
            {
                if (entry.RewritePlugin is { } rewrite) rewritePlugins.Add(rewrite);
            }
            // Reuse the assembled service when neither its base nor its routes changed.
            if (cached.Assembled is null || cached.Routes is null || !SameRoutes(cached.Routes, group.Routes))
            {
                var routes = new KongRoute[group.Routes.Count];
                for (var i = 0; i < routes.Length; i++) routes[i] = group.Routes[i].Route;
                cached = cached with { Assembled = cached.Base.Service with { Routes = routes }, Routes = routes };
            }
            serviceBases[group.Name] = cached;
            services.Add(cached.Assembled!);
            upstreams.Add(cached.Base.Upstream);
        }
        _serviceBases = serviceBases;

        // 4. Certificates from Ingress TLS.
        var claims = CertificateBuilder.Claims(ordered.Where(p => p.Tls.Count > 0).Select(p => (p.Ingress, p.Tls)));
        var certificates = CertificateBuilder.Build(claims, (ns, name) => snapshot.Secrets.Get(ns, name), failures);

        // 5. Consumers, then plugins (attached to routes, services and consumers) and global plugins.
        var consumerObjects = snapshot.KongConsumers
            .Where(c => selection.SelectsByAnnotation(c.Metadata.Annotations))
            .OrderBy(c => ObjectKey.Of(c.Metadata))
            .ToList();
        var consumers = new List<(KongConsumer Object, KongConsumerEntity Entity)>();
        foreach (var consumer in consumerObjects)
        {
            if (ConsumerBuilder.Build(consumer, snapshot, gates.FillIDs, failures) is { } entity)
            {
                consumers.Add((consumer, entity));
            }
        }
        var plugins = BuildPlugins(snapshot, selection, ordered, groupOrder, consumers, failures);
        plugins.AddRange(rewritePlugins);

        return ConfigAssembler.Assemble(services, upstreams, certificates, plugins, consumers.Select(c => c.Entity).ToList());
    }

    private List<KongPluginEntity> BuildPlugins(
        ClusterSnapshot snapshot, ClassSelection selection, IReadOnlyList<IngressPartial> ordered, List<ServiceGroup> groups,
        List<(KongConsumer Object, KongConsumerEntity Entity)> consumers, List<TranslationFailure> failures)
    {
        var builder = new PluginBuilder(snapshot);
        var serviceIndex = ServiceIndex(snapshot);
        foreach (var group in groups)
        {
            var k8sService = serviceIndex.GetValueOrDefault(new ObjectKey(group.Namespace, group.ServiceName));
            if (k8sService is null)
            {
                continue;
            }
            var refs = Annotations.PluginRefs(k8sService.Metadata.Annotations);
            if (refs.Count > 0)
            {
                builder.Attach(refs, group.Namespace, ObjectRefs.Of(k8sService), r => r.Services.Add(group.Name), failures);
            }
        }
        foreach (var partial in ordered)
        {
            if (partial.PluginRefs.Count == 0)
            {
                continue;
            }
            var routeNames = partial.Routes.Select(r => r.Route.Name!).ToList();
            if (partial.DefaultBackend is { } db && ReferenceEquals(ordered.FirstOrDefault(p => p.Ingress.Spec?.DefaultBackend is not null), partial))
            {
                routeNames.Add(db.Route.Name!);
            }
            builder.Attach(partial.PluginRefs, partial.Ingress.Metadata.NamespaceProperty ?? "", ObjectRefs.Of(partial.Ingress),
                r => r.Routes.AddRange(routeNames), failures);
        }
        foreach (var (consumer, entity) in consumers)
        {
            var refs = Annotations.PluginRefs(consumer.Metadata.Annotations);
            if (refs.Count > 0)
            {
                var id = entity.Username ?? entity.CustomId!;
                builder.Attach(refs, consumer.Metadata.NamespaceProperty ?? "", ObjectRefs.Of(consumer), r => r.Consumers.Add(id), failures);
            }
        }
        var plugins = builder.Build(_options.FeatureGates.FillIDs, failures);
        plugins.AddRange(PluginBuilder.Globals(snapshot, selection.SelectsByAnnotation, _options.FeatureGates.FillIDs, failures));
        return plugins;
    }

    private sealed class ServiceGroup(string name, string ns, string serviceName, PortDef port, ObjectRef parent)
    {
        public string Name { get; } = name;
        public string Namespace { get; } = ns;
        public string ServiceName { get; } = serviceName;
        public PortDef Port { get; } = port;
        public ObjectRef Parent { get; } = parent;
        public bool WithPath { get; set; }
        public List<IngressRouteEntry> Routes { get; } = [];
    }

    private static void AddToGroup(Dictionary<string, ServiceGroup> groups, List<ServiceGroup> order, IngressRouteEntry entry, ObjectRef parent, bool withPath)
    {
        if (!groups.TryGetValue(entry.KongServiceName, out var group))
        {
            group = new ServiceGroup(entry.KongServiceName, entry.Namespace, entry.BackendServiceName, entry.Port, parent);
            groups[entry.KongServiceName] = group;
            order.Add(group);
        }
        group.WithPath |= withPath;
        group.Routes.Add(entry);
    }

    private static bool SameRoutes(KongRoute[] previous, List<IngressRouteEntry> current)
    {
        if (previous.Length != current.Count) return false;
        for (var i = 0; i < previous.Length; i++)
        {
            if (!ReferenceEquals(previous[i], current[i].Route)) return false;
        }
        return true;
    }

    private static void ForEach(List<int> indexes, Action<int> action)
    {
        if (indexes.Count < 512)
        {
            foreach (var i in indexes) action(i);
        }
        else
        {
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, indexes.Count), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++) action(indexes[i]);
            });
        }
    }

    private static bool SameInput(ServiceBuilder.Input a, ServiceBuilder.Input b) =>
        ReferenceEquals(a.K8sService, b.K8sService) && ReferenceEquals(a.Policy, b.Policy)
        && a.WithPath == b.WithPath && a.Port == b.Port && a.Parent == b.Parent
        && a.ServiceUpstream == b.ServiceUpstream && a.ClusterDomain == b.ClusterDomain && a.FillIds == b.FillIds
        && a.Namespace == b.Namespace && a.ServiceName == b.ServiceName
        && a.Slices.Count == b.Slices.Count && a.Slices.Zip(b.Slices).All(p => ReferenceEquals(p.First, p.Second));

    /// <summary>Selected Ingresses sorted by namespace/name, then stably by creationTimestamp (translate_ingress.go).</summary>
    private List<V1Ingress> OrderedIngresses(ClusterSnapshot snapshot, ClassSelection selection)
    {
        if (ReferenceEquals(_ordered.Source, snapshot.Ingresses) && _ordered.Selection is { } previous
            && previous.Class == selection.Class && previous.IsDefaultClass == selection.IsDefaultClass)
        {
            return _ordered.Sorted;
        }
        var list = snapshot.Ingresses.Where(selection.Selects).ToList();
        var sorted = SameKeysAsBefore(list, selection) ?? Sort(list);
        _ordered = (snapshot.Ingresses, selection, sorted);
        _orderIndex = new Dictionary<ObjectKey, (int Index, DateTime? Created)>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            _orderIndex[ObjectKey.Of(sorted[i].Metadata)] = (i, sorted[i].Metadata.CreationTimestamp);
        }
        return sorted;
    }

    private Dictionary<ObjectKey, (int Index, DateTime? Created)> _orderIndex = [];

    // A one-object edit keeps the order: place every Ingress at its previous position when the selected keys and
    // creation timestamps are unchanged, instead of sorting again.
    private List<V1Ingress>? SameKeysAsBefore(List<V1Ingress> list, ClassSelection selection)
    {
        if (_ordered.Selection is not { } previous || previous.Class != selection.Class || previous.IsDefaultClass != selection.IsDefaultClass
            || list.Count != _orderIndex.Count)
        {
            return null;
        }
        var placed = new V1Ingress?[list.Count];
        foreach (var ingress in list)
        {
            if (!_orderIndex.TryGetValue(ObjectKey.Of(ingress.Metadata), out var at) || at.Created != ingress.Metadata.CreationTimestamp
                || placed[at.Index] is not null)
            {
                return null;
            }
            placed[at.Index] = ingress;
        }
        return placed!.ToList()!;
    }

    private static List<V1Ingress> Sort(List<V1Ingress> list)
    {
        list.Sort(static (a, b) => ObjectKey.Of(a.Metadata).CompareTo(ObjectKey.Of(b.Metadata)));
        return list
            .Select((ingress, index) => (ingress, index))
            .OrderBy(p => p.ingress.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(p => p.index)
            .Select(p => p.ingress)
            .ToList();
    }

    private KindSet<V1Service>? _serviceIndexSource;
    private Dictionary<ObjectKey, V1Service> _serviceIndex = [];

    /// <summary>Services in a plain dictionary (faster lookups than the immutable set), rebuilt when Services change.</summary>
    private Dictionary<ObjectKey, V1Service> ServiceIndex(ClusterSnapshot snapshot)
    {
        if (!ReferenceEquals(_serviceIndexSource, snapshot.Services))
        {
            _serviceIndex = snapshot.Services.ToDictionary(s => ObjectKey.Of(s.Metadata));
            _serviceIndexSource = snapshot.Services;
        }
        return _serviceIndex;
    }

    /// <summary>EndpointSlices by (namespace, kubernetes.io/service-name), in name order.</summary>
    private Dictionary<(string, string), List<V1EndpointSlice>> SliceIndex(ClusterSnapshot snapshot)
    {
        if (ReferenceEquals(_sliceIndexSource, snapshot.EndpointSlices))
        {
            return _sliceIndex;
        }
        var index = new Dictionary<(string, string), List<V1EndpointSlice>>();
        foreach (var slice in snapshot.EndpointSlices)
        {
            if (slice.Metadata.Labels is null || !slice.Metadata.Labels.TryGetValue("kubernetes.io/service-name", out var svc))
            {
                continue;
            }
            var key = (slice.Metadata.NamespaceProperty ?? "", svc);
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }
            list.Add(slice);
        }
        foreach (var list in index.Values)
        {
            list.Sort(static (a, b) => string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name));
        }
        _sliceIndexSource = snapshot.EndpointSlices;
        _sliceIndex = index;
        return index;
    }
}
