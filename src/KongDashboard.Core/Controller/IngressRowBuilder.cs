using System.Collections.Immutable;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Controller;

/// <summary>Shapes a translation result into the rows of the Translation page: one per Ingress in the snapshot.</summary>
public static class IngressRowBuilder
{
    public static ImmutableArray<IngressRow> Build(ClusterSnapshot snapshot, TranslationResult result, string ingressClass)
    {
        var routesByIngress = RoutesByIngress(result.Config);
        var messagesByIngress = result.Failures
            .SelectMany(f => f.CausingObjects.Where(o => o.Kind == "Ingress").Select(o => (Key: new ObjectKey(o.Namespace, o.Name), f.Message)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Message).Distinct().ToImmutableArray());

        var classes = ClassSelection.For(snapshot, ingressClass);
        var rows = ImmutableArray.CreateBuilder<IngressRow>(snapshot.Ingresses.Count);
        foreach (var ingress in snapshot.Ingresses)
        {
            var key = ObjectKey.Of(ingress.Metadata);
            var routes = routesByIngress.GetValueOrDefault(key, []);
            var messages = messagesByIngress.GetValueOrDefault(key, []);
            var className = ClassOf(ingress);
            var status = messages.Length > 0 ? IngressStatus.Failed
                : routes.Length > 0 || classes.Selects(ingress) ? IngressStatus.Translated
                : IngressStatus.Ignored;
            rows.Add(new IngressRow(
                key,
                className,
                ingress.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(created, TimeSpan.Zero) : null,
                Hosts(ingress),
                Paths(ingress),
                Backends(ingress),
                routes,
                status,
                messages,
                new Lazy<string>(() => IngressYaml(ingress)),
                new Lazy<string>(() => KongYaml(result.Config, ingress))));
        }

        rows.Sort((a, b) => a.Key.CompareTo(b.Key));
        return rows.MoveToImmutable();
    }

    private static Dictionary<ObjectKey, ImmutableArray<string>> RoutesByIngress(KongConfig config) =>
        config.AllRoutes()
            .Select(x => (Key: IngressKeyFromTags(x.Route.Tags), x.Route.Name))
            .Where(x => x.Key is not null && x.Name is not null)
            .GroupBy(x => x.Key!.Value)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Order(StringComparer.Ordinal).ToImmutableArray());

    private static ObjectKey? IngressKeyFromTags(IReadOnlyList<string>? tags)
    {
        string? kind = null, ns = null, name = null;
        foreach (var tag in tags ?? [])
        {
            if (tag.StartsWith("k8s-kind:", StringComparison.Ordinal))
            {
                kind = tag[9..];
            }
            else if (tag.StartsWith("k8s-namespace:", StringComparison.Ordinal))
            {
                ns = tag[14..];
            }
            else if (tag.StartsWith("k8s-name:", StringComparison.Ordinal))
            {
                name = tag[9..];
            }
        }

        return kind == "Ingress" && ns is not null && name is not null ? new ObjectKey(ns, name) : null;
    }

    private static string? ClassOf(V1Ingress ingress) =>
        ingress.Metadata.Annotations?.TryGetValue("kubernetes.io/ingress.class", out var annotated) == true && !string.IsNullOrEmpty(annotated)
            ? annotated
            : ingress.Spec?.IngressClassName;

    private static ImmutableArray<string> Hosts(V1Ingress ingress) =>
        (ingress.Spec?.Rules ?? []).Select(r => string.IsNullOrEmpty(r.Host) ? "*" : r.Host).Distinct().ToImmutableArray();

    private static ImmutableArray<string> Paths(V1Ingress ingress)
    {
        var paths = (ingress.Spec?.Rules ?? [])
            .SelectMany(r => r.Http?.Paths ?? [])
            .Select(p => $"{(string.IsNullOrEmpty(p.Path) ? "/" : p.Path)} ({p.PathType ?? "ImplementationSpecific"})");
        return ingress.Spec?.DefaultBackend is null ? paths.Distinct().ToImmutableArray() : paths.Append("(default backend)").Distinct().ToImmutableArray();
    }

    private static ImmutableArray<string> Backends(V1Ingress ingress)
    {
        var backends = (ingress.Spec?.Rules ?? []).SelectMany(r => r.Http?.Paths ?? []).Select(p => p.Backend);
        if (ingress.Spec?.DefaultBackend is { } fallback)
        {
            backends = backends.Append(fallback);
        }

        return backends.Select(Describe).Distinct().ToImmutableArray();
    }

    private static string Describe(V1IngressBackend backend) => backend switch
    {
        { Service: { } service } => $"{service.Name}:{(service.Port?.Number is { } number and not 0 ? number.ToString() : service.Port?.Name)}",
        { Resource: { } resource } => $"{resource.Kind}/{resource.Name}",
        _ => "(none)",
    };

    private static string IngressYaml(V1Ingress ingress)
    {
        // managedFields is bookkeeping noise for a reader; the object itself is never mutated.
        var copy = KubernetesJson.Deserialize<V1Ingress>(KubernetesJson.Serialize(ingress));
        copy.Metadata.ManagedFields = null;
        return KubernetesYaml.Serialize(copy);
    }

    private static string KongYaml(KongConfig config, V1Ingress ingress)
    {
        var tlsHosts = (ingress.Spec?.Tls ?? []).SelectMany(t => t.Hosts ?? []);
        var produced = KongConfigIndex.ForIngress(config, ingress.Metadata.NamespaceProperty ?? "", ingress.Metadata.Name ?? "", tlsHosts);
        return KongConfigSerializer.ToYaml(SecretRedactor.Redact(produced));
    }
}
