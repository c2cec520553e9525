using System.Diagnostics;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.DeckGen;
using KongDashboard.Core.Translation.GatewayApi;
using KongDashboard.Core.Translation.Incremental;
using KongDashboard.Core.Translation.Ingress;
using KongDashboard.Core.Translation.KongCrds;
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
    private RouteGraph? _graph;

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
            // BackendTLSPolicies act as annotations of the Services they target (KIC: handleBackendTLSPolices).
            var config = Build(BackendTlsPolicies.Apply(snapshot, failures), failures);
            // Every value taken from a Secret is redacted wherever it would be shown, logged or evented later.
            var secretValues = SecretValues.Collect(snapshot);
            SecretRedactor.Remember(secretValues);
            return new TranslationResult(config, [.. failures], stopwatch.Elapsed)
            {
                SecretValues = secretValues,
                NotTranslated = [.. failures.Where(UntranslatedObjects.IsReport).Select(f => f.CausingObjects[0])],
            };
        }
    }

    private KongConfig Build(ClusterSnapshot snapshot, List<TranslationFailure> failures)
    {
        var gates = _options.FeatureGates;
        var selection = ClassSelection.For(snapshot, _options.IngressClass);

        // 1–3. Per-Ingress routes, grouped into Kong services with their upstreams (kept incrementally).
        var facades = gates.KongServiceFacade ? snapshot.Get(WatchedKinds.KongServiceFacades) : KindSet<KongServiceFacade>.Empty;
        if (_graph is null || _graph.Key != RouteGraph.KeyOf(selection) || !ReferenceEquals(_graph.Facades, facades))
        {
            _graph = new RouteGraph(selection, gates, _options.ClusterDomain) { Facades = facades };
        }
        var graph = _graph;
        graph.Sync(snapshot);
        foreach (var slot in graph.Ordered)
        {
            failures.AddRange(slot.Partial.Failures);
        }
        var defaultOwner = graph.DefaultOwner?.Partial;
        if (defaultOwner is { DefaultBackend: null, DefaultBackendFailure: { } defaultFailure })
        {
            failures.Add(defaultFailure);
        }
        var groups = graph.GroupOrder();
        var rewritePlugins = new List<KongPluginEntity>();
        foreach (var group in groups)
        {
            failures.AddRange(group.Base!.Failures);
            rewritePlugins.AddRange(group.RewritePlugins);
        }

        // 3b. KIC's other CRDs (Translation/KongCrds): TCPIngress/UDPIngress services, consumer groups, vaults.
        var crds = KongCrdsStage.Run(snapshot, selection, _options, failures);
        var (crdServices, crdUpstreams) = crds.Merge(graph.Services, graph.Upstreams);

        // 3c. Gateway API routes: pure over the snapshot, recomputed on every translation (the graph caches Ingress only).
        var gatewayApi = GatewayApiTranslator.Translate(snapshot, _options, failures);
        // Without Gateway API services the merged lists are the (already fresh) Ingress/CRD ones: copying 10,000
        // references twice more per change is what a one-object change need not pay.
        var services = gatewayApi.Services.Count == 0 ? crdServices : gatewayApi.MergeServices(crdServices);
        var upstreams = gatewayApi.Upstreams.Count == 0 ? crdUpstreams : gatewayApi.MergeUpstreams(crdUpstreams);

        // 4. Certificates from Ingress, TCPIngress and Gateway listener TLS; client certificates and CA certificate ids
        // from the Services' TLS annotations (populateServices), then the CA certificates themselves.
        var claims = CertificateBuilder.Claims(graph.Ordered.Where(s => s.Partial.Tls.Count > 0)
            .Select(s => ((IKubernetesObject<V1ObjectMeta>)s.Partial.Ingress, s.Partial.Tls)).Concat(crds.Tls));
        services = ServiceTlsAnnotations.ApplyAll(
            services, IngressBackends(groups, crds).Concat(crds.Backends).Concat(gatewayApi.Backends), snapshot, claims, failures);
        claims.AddRange(GatewayCertificates.Claims(snapshot, _options, claims, failures));
        var mergedIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var certificates = CertificateBuilder.Build(claims, (ns, name) => snapshot.Secrets.Get(ns, name), failures, mergedIds);
        services = ServiceTlsAnnotations.RemapClientCertificates(services, mergedIds);
        var caCertificates = CaCertificateBuilder.Build(snapshot, _options.Time, failures);

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
        var plugins = BuildPlugins(snapshot, selection, graph.Ordered, defaultOwner, groups, consumers, crds, gatewayApi, failures, out var pluginRelations);
        plugins.AddRange(rewritePlugins);
        plugins = crds.DropOrphans(plugins, services);
        var (consumerGroups, members, vaults) = crds.Entities(snapshot, selection, gates.FillIDs, consumers, failures);
        var customEntities = gates.KongCustomEntity
            ? CustomEntityBuilder.Build(snapshot, selection, pluginRelations, services, consumers.Select(c => c.Entity), failures)
            : [];

        return ConfigAssembler.Assemble(
            services, upstreams, certificates, plugins, consumers.Select(c => c.Entity).ToList()) with
        {
            ConsumerGroups = consumerGroups.Count > 0 ? consumerGroups : null,
            ConsumerGroupConsumers = members.Count > 0 ? members : null,
            Vaults = vaults.Count > 0 ? vaults : null,
            CaCertificates = caCertificates.Count > 0 ? caCertificates : null,
            CustomEntities = customEntities.Count > 0 ? customEntities : null,
        };
    }

    private List<KongPluginEntity> BuildPlugins(
        ClusterSnapshot snapshot, ClassSelection selection, IReadOnlyList<PartialSlot> ordered, IngressPartial? defaultOwner,
        List<GroupState> groups, List<(KongConsumer Object, KongConsumerEntity Entity)> consumers, KongCrdsStage crds,
        GatewayApiResult gatewayApi, List<TranslationFailure> failures, out IReadOnlyDictionary<string, PluginRelations> relationsByReference)
    {
        var builder = new PluginBuilder(snapshot);
        foreach (var group in groups)
        {
            // Refs were parsed when the group's Service last changed.
            if (group.ServicePluginRefs.Count > 0 && group.Input!.K8sService is { } k8sService && !crds.Replaces(group.Name))
            {
                builder.Attach(group.ServicePluginRefs, group.Input.Namespace, ObjectRefs.Of(k8sService), r => r.Services.Add(group.Name), failures);
            }
        }
        foreach (var slot in ordered)
        {
            var partial = slot.Partial;
            if (partial.PluginRefs.Count == 0)
            {
                continue;
            }
            var routeNames = partial.Routes.Select(r => r.Route.Name!).ToList();
            if (partial.DefaultBackend is { } db && ReferenceEquals(defaultOwner, partial))
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
        crds.AttachPlugins(builder, failures);
        gatewayApi.AttachPlugins(builder, snapshot, failures);
        var plugins = builder.Build(_options.FeatureGates.FillIDs, failures);
        relationsByReference = builder.RelationsByReference;
        plugins.AddRange(PluginBuilder.Globals(snapshot, selection.SelectsByAnnotation, _options.FeatureGates.FillIDs, failures));
        return plugins;
    }

    // The Service behind each Ingress-built Kong service that carries TLS annotations (a facade's merged over it).
    private static IEnumerable<ServiceBackends> IngressBackends(List<GroupState> groups, KongCrdsStage crds)
    {
        foreach (var group in groups)
        {
            if (group.Input is not { K8sService: { } k8s } input || crds.Replaces(group.Name))
            {
                continue;
            }
            var effective = input.Facade is null ? k8s : FacadeCrds.WithFacadeAnnotations(k8s, input.Facade);
            if (ServiceTlsAnnotations.Wanted(effective))
            {
                yield return new ServiceBackends(group.Name, input.Protocol, [effective]);
            }
        }
    }
}
