using System.Collections.Immutable;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Translation;

/// <summary>
/// Builds the fallback cache: the snapshot without the objects Kong rejected and without everything that depends on
/// them (internal/dataplane/fallback: graph.go, graph_dependencies_*.go). Translating the result gives the fallback config.
/// </summary>
public static class FallbackSnapshot
{
    /// <summary>Removes <paramref name="broken"/> and their transitive dependants; returns the snapshot and every removed object.</summary>
    public static (ClusterSnapshot Snapshot, ImmutableArray<ObjectRef> Excluded) Exclude(ClusterSnapshot snapshot, IEnumerable<ObjectRef> broken)
    {
        // Reverse edges: dependency → dependants.
        var dependants = new Dictionary<Identity, List<Identity>>();
        foreach (var obj in AllObjects(snapshot))
        {
            var self = Identity.Of(obj);
            foreach (var dependency in Dependencies(obj))
            {
                if (!dependants.TryGetValue(dependency, out var list))
                {
                    dependants[dependency] = list = [];
                }
                list.Add(self);
            }
        }

        var excluded = new HashSet<Identity>();
        var queue = new Queue<Identity>(broken.Select(b => new Identity(b.Kind, b.Namespace, b.Name)));
        while (queue.TryDequeue(out var next))
        {
            if (!excluded.Add(next))
            {
                continue;
            }
            foreach (var d in dependants.GetValueOrDefault(next) ?? [])
            {
                queue.Enqueue(d);
            }
        }

        var removed = new List<ObjectRef>();
        var filtered = snapshot;
        foreach (var kind in WatchedKinds.TranslationInputs)
        {
            filtered = kind.Without(filtered, obj =>
            {
                if (!excluded.Contains(Identity.Of(obj)))
                {
                    return false;
                }
                removed.Add(ObjectRefs.Of(obj));
                return true;
            });
        }
        removed.Sort((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        return (filtered, [.. removed]);
    }

    /// <summary>Every translation input of the snapshot.</summary>
    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> AllObjects(ClusterSnapshot s) =>
        WatchedKinds.TranslationInputs.SelectMany(k => k.ObjectsIn(s));

    /// <summary>True when <paramref name="obj"/> depends directly on <paramref name="dependency"/> in the fallback graph.</summary>
    internal static bool DependsOn(IKubernetesObject<V1ObjectMeta> obj, ObjectRef dependency) =>
        Dependencies(obj).Contains(new Identity(dependency.Kind, dependency.Namespace, dependency.Name));

    private readonly record struct Identity(string Kind, string Namespace, string Name)
    {
        public static Identity Of(IKubernetesObject<V1ObjectMeta> obj) =>
            new(ObjectRefs.TypeOf(obj).Kind, obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name ?? "");
    }

    private static IEnumerable<Identity> Dependencies(IKubernetesObject<V1ObjectMeta> obj)
    {
        var ns = obj.Metadata.NamespaceProperty ?? "";
        switch (obj)
        {
            case V1Ingress ingress:
                var className = Annotations.Get(ingress.Metadata.Annotations, Annotations.IngressClass);
                if (string.IsNullOrEmpty(className)) className = ingress.Spec?.IngressClassName;
                if (!string.IsNullOrEmpty(className)) yield return new Identity("IngressClass", "", className);
                if (ingress.Spec?.DefaultBackend?.Service?.Name is { } defaultSvc) yield return new Identity("Service", ns, defaultSvc);
                if (CrdDependencies.FacadeName(ingress.Spec?.DefaultBackend?.Resource) is { } defaultFacade) yield return new Identity("KongServiceFacade", ns, defaultFacade);
                foreach (var rule in ingress.Spec?.Rules ?? [])
                {
                    foreach (var path in rule.Http?.Paths ?? [])
                    {
                        if (path.Backend?.Service?.Name is { } svc) yield return new Identity("Service", ns, svc);
                        if (CrdDependencies.FacadeName(path.Backend?.Resource) is { } facade) yield return new Identity("KongServiceFacade", ns, facade);
                    }
                }
                foreach (var tls in ingress.Spec?.Tls ?? [])
                {
                    if (!string.IsNullOrEmpty(tls.SecretName)) yield return new Identity("Secret", ns, tls.SecretName);
                }
                foreach (var p in PluginDependencies(obj, ns)) yield return p;
                break;
            case V1Service:
                foreach (var p in PluginDependencies(obj, ns)) yield return p;
                if (Annotations.Get(obj.Metadata.Annotations, Annotations.UpstreamPolicy) is { Length: > 0 } policy)
                    yield return new Identity("KongUpstreamPolicy", ns, policy);
                if (Annotations.Get(obj.Metadata.Annotations, Annotations.ClientCert) is { Length: > 0 } clientCert)
                    yield return new Identity("Secret", ns, clientCert);
                foreach (var ca in Annotations.List(obj.Metadata.Annotations, Annotations.CaCertificatesSecrets) ?? [])
                    yield return new Identity("Secret", ns, ca.Trim());
                break;
            case KongPlugin plugin:
                var secretNs = plugin is KongClusterPlugin ? null : ns;
                if (plugin.ConfigFrom?.SecretKeyRef is { } from)
                    yield return new Identity("Secret", secretNs ?? from.Namespace ?? "", from.Name ?? "");
                foreach (var patch in plugin.ConfigPatches ?? [])
                {
                    if (patch.ValueFrom?.SecretKeyRef is { } r) yield return new Identity("Secret", secretNs ?? r.Namespace ?? "", r.Name ?? "");
                }
                break;
            case KongConsumer consumer:
                foreach (var credential in consumer.Credentials ?? []) yield return new Identity("Secret", ns, credential);
                foreach (var p in PluginDependencies(obj, ns)) yield return p;
                break;
            case TCPIngress or UDPIngress or KongConsumerGroup or KongServiceFacade or KongCustomEntity:
                foreach (var (kind, dependencyNs, name) in CrdDependencies.Of(obj, ns)) yield return new Identity(kind, dependencyNs, name);
                foreach (var p in PluginDependencies(obj, ns)) yield return p;
                break;
            case var route when GatewayApi.GatewayApiDependencies.BackendServices(route) is { } services:
                foreach (var (svcNs, svc) in services) yield return new Identity("Service", svcNs, svc);
                foreach (var p in PluginDependencies(obj, ns)) yield return p;
                break;
            case V1IngressClass cls:
                if (cls.Spec?.Parameters is { Kind: "IngressClassParameters" } parameters)
                    yield return new Identity("IngressClassParameters", parameters.NamespaceProperty ?? "", parameters.Name ?? "");
                break;
        }
    }

    // konghq.com/plugins: the KongPlugin in the referrer's namespace, or the KongClusterPlugin of that name.
    private static IEnumerable<Identity> PluginDependencies(IKubernetesObject<V1ObjectMeta> obj, string ns)
    {
        foreach (var (pluginNs, name) in Annotations.PluginRefs(obj.Metadata.Annotations))
        {
            // KIC's graph reads "ns:name" as a plain name in the referrer's namespace, so a remote reference is no edge.
            if (pluginNs is not null) continue;
            yield return new Identity("KongPlugin", ns, name);
            yield return new Identity("KongClusterPlugin", "", name);
        }
    }
}
