using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.KongState;
using KongConsumerGroup = KongDashboard.Core.Kubernetes.Crds.KongConsumerGroup;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>
/// What KIC's other CRDs add to the Ingress translation: TCPIngress/UDPIngress services (merged after the Ingress
/// ones, replacing a same-named Kong service as KIC's mergeIngressRules does), their TLS sources, consumer groups and
/// vaults. Built fresh each translation: these objects are few.
/// </summary>
internal sealed class KongCrdsStage
{
    private readonly List<L4Service> _l4;
    private readonly HashSet<string> _l4Names;
    private readonly List<KongConsumerGroup> _groups;

    private KongCrdsStage(List<L4Service> l4, List<KongConsumerGroup> groups, List<(IKubernetesObject<V1ObjectMeta>, IReadOnlyList<(string, IReadOnlyList<string>)>)> tls)
    {
        _l4 = l4;
        _l4Names = new HashSet<string>(l4.Select(s => s.Service.Name!), StringComparer.Ordinal);
        _groups = groups;
        Tls = tls;
    }

    /// <summary>TCPIngress TLS sections, claimed after the Ingress ones.</summary>
    public List<(IKubernetesObject<V1ObjectMeta> Ingress, IReadOnlyList<(string SecretName, IReadOnlyList<string> Hosts)> Tls)> Tls { get; }

    public static KongCrdsStage Run(ClusterSnapshot snapshot, ClassSelection selection, TranslatorOptions options, List<TranslationFailure> failures)
    {
        var tls = new List<(IKubernetesObject<V1ObjectMeta>, IReadOnlyList<(string, IReadOnlyList<string>)>)>();
        var l4 = L4IngressTranslator.Translate(
            snapshot, selection, options.FeatureGates, selection.Parameters.ServiceUpstream, options.ClusterDomain, tls, failures);
        return new KongCrdsStage(l4, ConsumerGroupBuilder.Selected(snapshot, selection), tls);
    }

    /// <summary>The Service behind each TCPIngress/UDPIngress Kong service, for its TLS annotations.</summary>
    public IEnumerable<ServiceBackends> Backends =>
        _l4.Where(s => s.K8sService is not null)
            .Select(s => new ServiceBackends(s.Service.Name!, s.Service.Name!.EndsWith(".udp", StringComparison.Ordinal) ? "udp" : "tcp", [s.K8sService!]));

    /// <summary>True when a TCPIngress/UDPIngress service replaces the Ingress service of this name.</summary>
    public bool Replaces(string kongServiceName) => _l4Names.Contains(kongServiceName);

    /// <summary>Ingress services and upstreams with the L4 ones merged in, descending by name like deckgen.</summary>
    public (List<KongService> Services, List<KongUpstream> Upstreams) Merge(IReadOnlyList<KongService> services, IReadOnlyList<KongUpstream> upstreams)
    {
        if (_l4.Count == 0)
        {
            return ([.. services], [.. upstreams]);
        }
        var hosts = new HashSet<string>(_l4.Select(s => s.Upstream.Name!), StringComparer.Ordinal);
        var mergedServices = services.Where(s => !_l4Names.Contains(s.Name!)).Concat(_l4.Select(s => s.Service)).ToList();
        // One upstream per Kong service host; an Ingress service replaced by an L4 one leaves no upstream of its own.
        var liveHosts = new HashSet<string>(mergedServices.Select(s => s.Host!), StringComparer.Ordinal);
        var mergedUpstreams = upstreams.Where(u => !hosts.Contains(u.Name!) && liveHosts.Contains(u.Name!))
            .Concat(_l4.Select(s => s.Upstream).DistinctBy(u => u.Name)).ToList();
        mergedServices.Sort(static (a, b) => string.CompareOrdinal(b.Name, a.Name));
        mergedUpstreams.Sort(static (a, b) => string.CompareOrdinal(b.Name, a.Name));
        return (mergedServices, mergedUpstreams);
    }

    /// <summary>Plugins of the L4 services' Kubernetes Services, of TCPIngress/UDPIngress routes and of consumer groups.</summary>
    public void AttachPlugins(PluginBuilder builder, List<TranslationFailure> failures)
    {
        foreach (var l4 in _l4)
        {
            if (l4.K8sService is { } k8sService && Annotations.PluginRefs(k8sService.Metadata.Annotations) is { Count: > 0 } serviceRefs)
            {
                builder.Attach(serviceRefs, l4.Namespace, ObjectRefs.Of(k8sService), r => r.Services.Add(l4.Service.Name!), failures);
            }
            foreach (var (parent, routes) in l4.RoutesByParent)
            {
                if (Annotations.PluginRefs(parent.Metadata.Annotations) is { Count: > 0 } refs)
                {
                    builder.Attach(refs, l4.Namespace, ObjectRefs.Of(parent), r => r.Routes.AddRange(routes), failures);
                }
            }
        }
        foreach (var group in _groups)
        {
            if (Annotations.PluginRefs(group.Metadata.Annotations) is { Count: > 0 } refs)
            {
                builder.Attach(refs, group.Metadata.NamespaceProperty ?? "", ObjectRefs.Of(group), r => r.ConsumerGroups.Add(group.Metadata.Name!), failures);
            }
        }
    }

    /// <summary>
    /// KIC derives plugin relations from the final services and routes, so instances on an Ingress service or route
    /// that a TCPIngress/UDPIngress service replaced do not exist.
    /// </summary>
    public List<KongPluginEntity> DropOrphans(List<KongPluginEntity> plugins, IReadOnlyList<KongService> services)
    {
        if (_l4.Count == 0)
        {
            return plugins;
        }
        var serviceNames = new HashSet<string>(services.Select(s => s.Name!), StringComparer.Ordinal);
        var routeNames = new HashSet<string>(services.SelectMany(s => s.Routes ?? []).Select(r => r.Name!), StringComparer.Ordinal);
        return plugins.Where(p => (p.Service is null || serviceNames.Contains(p.Service)) && (p.Route is null || routeNames.Contains(p.Route))).ToList();
    }

    /// <summary>Consumer groups, their DB-less membership relations and vaults.</summary>
    public (List<Kong.KongConsumerGroup> Groups, List<KongConsumerGroupConsumer> Members, List<KongVaultEntity> Vaults) Entities(
        ClusterSnapshot snapshot, ClassSelection selection, bool fillIds,
        IEnumerable<(KongConsumer Object, KongConsumerEntity Entity)> consumers, List<TranslationFailure> failures)
    {
        // Relations follow the consumers' output order (deckgen sorts before the DB-less conversion).
        var sorted = consumers.OrderBy(c => c.Entity.Username, StringComparer.Ordinal).ThenBy(c => c.Entity.CustomId, StringComparer.Ordinal);
        var members = ConsumerGroupBuilder.Memberships(sorted, snapshot, failures);
        return (ConsumerGroupBuilder.Build(_groups, fillIds), members, VaultBuilder.Build(snapshot, selection, fillIds, failures));
    }
}
