using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation.Ingress;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// A drafted Gateway API service → Kong service + upstream + targets: populateServices (annotation consistency,
/// tags), getUpstreams (ports, targets, weights) and FillOverrides (Service annotations, host-header,
/// KongUpstreamPolicy) of internal/dataplane/translator and kongstate.
/// </summary>
internal static class GatewayServiceBuilder
{
    private const string KongAnnotationPrefix = "konghq.com";

    /// <summary>Null service when the Services' konghq.com annotations disagree (the upstream is still emitted).</summary>
    public static (KongService? Service, KongUpstream Upstream) Build(
        ServiceDraft draft, ClusterSnapshot snapshot, TranslatorOptions options, List<KongRoute> routes, List<TranslationFailure> failures)
    {
        var k8sServices = draft.Backends.Select(b => b.Service).ToList();
        var consistent = AnnotationsConsistent(k8sServices, draft.Name, failures);
        var tags = k8sServices.Count switch
        {
            > 1 => draft.Parent is null ? null : GatewayTags.For(draft.Parent),
            1 => KubernetesTags.For(k8sServices[0], "", "v1", "Service"),
            _ => KubernetesTags.UnknownService,
        };

        int? port = null;
        var targets = new Dictionary<string, KongTarget>(StringComparer.Ordinal);
        var owner = ObjectRefs.Of(draft.Owner);
        foreach (var backend in draft.Backends)
        {
            var found = ServiceBuilder.FindPort(backend.Service, new PortDef(PortMode.ByNumber, backend.Port, ""), out var error);
            if (found is null)
            {
                failures.Add(new TranslationFailure($"can't find port for backend kubernetes service: {error}", [ObjectRefs.Of(backend.Service), owner]));
                continue;
            }
            port = found.Port;
            var newTargets = ServiceBuilder.Targets(backend.Service, found, Slices(snapshot, backend.Service), false, options.ClusterDomain) ?? [];
            if (backend.Weight is int weight && newTargets.Count > 0)
            {
                // Weight 0 drops every target of the backend; otherwise it is shared, at least 1 each.
                var each = weight == 0 ? 0 : Math.Max(1, weight / newTargets.Count);
                newTargets = newTargets.Select(t => t with { Weight = each }).ToList();
            }
            foreach (var target in newTargets)
            {
                targets[target.Target!] = targets.TryGetValue(target.Target!, out var existing)
                    ? existing with { Weight = (existing.Weight ?? 100) + (target.Weight ?? 100) }
                    : target;
            }
        }

        var sorted = k8sServices.DistinctBy(s => (s.Metadata.NamespaceProperty, s.Metadata.Name))
            .OrderBy(s => $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}", StringComparer.Ordinal).ToList();
        var upstream = new KongUpstream
        {
            Name = draft.Name,
            Algorithm = "round-robin",
            Tags = tags,
            Targets = targets.Count == 0 ? null : targets.Values.OrderByDescending(t => t.Target, StringComparer.Ordinal).ToArray(),
        };
        upstream = UpstreamOverrides(upstream, sorted, snapshot, failures);

        if (!consistent)
        {
            return (null, upstream);
        }
        var timeout = draft.Timeout ?? ServiceBuilder.DefaultTimeout;
        var service = new KongService
        {
            Id = options.FeatureGates.FillIDs ? KongIds.Service(draft.Name) : null,
            Name = draft.Name,
            Host = draft.Name,
            Port = port,
            Protocol = draft.Protocol,
            ConnectTimeout = timeout,
            ReadTimeout = timeout,
            WriteTimeout = timeout,
            Retries = 5,
            Tags = tags,
            Routes = routes.Count == 0 ? null : routes,
            Plugins = draft.Plugins.Count == 0 ? null : SortPlugins(draft.Plugins),
        };
        foreach (var k8s in sorted)
        {
            service = ServiceAnnotations.Apply(service, k8s.Metadata.Annotations, ObjectRefs.Of(k8s), failures);
        }
        return (service, upstream);
    }

    /// <summary>deckgen: nested plugins stable-sorted by name, descending.</summary>
    public static List<KongPluginEntity> SortPlugins(IEnumerable<KongPluginEntity> plugins) =>
        [.. plugins.OrderByDescending(p => p.Name, StringComparer.Ordinal)];

    private static List<V1EndpointSlice> Slices(ClusterSnapshot snapshot, V1Service service) =>
        snapshot.EndpointSlices
            .Where(s => s.Metadata.NamespaceProperty == service.Metadata.NamespaceProperty
                && s.Metadata.Labels is { } l && l.TryGetValue("kubernetes.io/service-name", out var n) && n == service.Metadata.Name)
            .OrderBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .ToList();

    // collectInconsistentAnnotations: every Service of a multi-Service backend carries the same konghq.com annotations.
    private static bool AnnotationsConsistent(List<V1Service> services, string kongServiceName, List<TranslationFailure> failures)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var (key, value) in service.Metadata.Annotations ?? new Dictionary<string, string>())
            {
                if (key.StartsWith(KongAnnotationPrefix, StringComparison.Ordinal))
                {
                    seen[key] = value;
                }
            }
        }
        var bad = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var (key, value) in seen)
            {
                if (service.Metadata.Annotations is not { } a || !a.TryGetValue(key, out var own) || own != value)
                {
                    bad.Add(key);
                }
            }
        }
        foreach (var service in services)
        {
            foreach (var annotation in bad)
            {
                failures.Add(new TranslationFailure(
                    $"Service has inconsistent {annotation} annotation and is used in multi-Service backend {kongServiceName}. "
                    + "This annotation must have the same value across all Services in the backend.", [ObjectRefs.Of(service)]));
            }
        }
        return bad.Count == 0;
    }

    private static KongUpstream UpstreamOverrides(KongUpstream upstream, List<V1Service> services, ClusterSnapshot snapshot, List<TranslationFailure> failures)
    {
        foreach (var service in services)
        {
            if (Annotations.Get(service.Metadata.Annotations, Annotations.HostHeader) is { Length: > 0 } hostHeader)
            {
                upstream = upstream with { HostHeader = hostHeader };
            }
        }
        if (services.Count == 0)
        {
            return upstream;
        }
        var causing = services.Select(ObjectRefs.Of).ToImmutableArray();
        var names = services.Select(s => Annotations.Get(s.Metadata.Annotations, Annotations.UpstreamPolicy) ?? "").Distinct().ToList();
        if (names.Count > 1)
        {
            failures.Add(new TranslationFailure(
                $"inconsistent KongUpstreamPolicy configuration for services {string.Join(", ", services.Select(s => s.Metadata.Name))}", causing));
            return upstream;
        }
        if (names[0].Length == 0)
        {
            return upstream;
        }
        var ns = services[0].Metadata.NamespaceProperty ?? "";
        if (snapshot.Get(WatchedKinds.KongUpstreamPolicies).Get(ns, names[0]) is not { } policy)
        {
            failures.Add(new TranslationFailure($"failed fetching KongUpstreamPolicy: KongUpstreamPolicy {ns}/{names[0]} not found", causing));
            return upstream;
        }
        return UpstreamPolicyMapper.Apply(upstream, policy.Spec);
    }
}
