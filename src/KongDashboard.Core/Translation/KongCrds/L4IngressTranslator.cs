using System.Globalization;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.Incremental;
using KongDashboard.Core.Translation.Ingress;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>One Kong service built from TCPIngress/UDPIngress rules, with what plugins attach to.</summary>
internal sealed record L4Service(
    KongService Service, KongUpstream Upstream, V1Service? K8sService, string Namespace,
    IReadOnlyList<(IKubernetesObject<V1ObjectMeta> Parent, List<string> Routes)> RoutesByParent);

/// <summary>
/// TCPIngress and UDPIngress → stream routes and services (translator/translate_kong_l4.go), then the shared backend
/// steps: Service port, targets, Service annotations, KongIngress/KongUpstreamPolicy on the upstream.
/// </summary>
internal static class L4IngressTranslator
{
    public static List<L4Service> Translate(
        ClusterSnapshot snapshot, ClassSelection selection, FeatureGates gates, bool serviceUpstream, string clusterDomain,
        List<(IKubernetesObject<V1ObjectMeta> Ingress, IReadOnlyList<(string SecretName, IReadOnlyList<string> Hosts)> Tls)> tls,
        List<TranslationFailure> failures)
    {
        var tcp = Ordered(snapshot.Get(WatchedKinds.TCPIngresses), selection);
        var udp = Ordered(snapshot.Get(WatchedKinds.UDPIngresses), selection);
        if (tcp.Count == 0 && udp.Count == 0)
        {
            return [];
        }
        var pending = new Dictionary<string, Pending>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var ingress in tcp)
        {
            if (ingress.Spec?.Tls is { Count: > 0 } entries)
            {
                tls.Add((ingress, entries.Select(t => (t.SecretName ?? "", (IReadOnlyList<string>)(t.Hosts ?? []))).ToList()));
            }
            AddRules(ingress, ingress.Spec?.Rules, udp: false, gates, pending, order);
        }
        foreach (var ingress in udp)
        {
            AddRules(ingress, ingress.Spec?.Rules, udp: true, gates, pending, order);
        }

        var slices = SliceIndex.Build(snapshot.EndpointSlices);
        var result = new List<L4Service>();
        foreach (var name in order)
        {
            var p = pending[name];
            var k8sService = snapshot.Services.Get(p.Namespace, p.ServiceName);
            var annotations = k8sService?.Metadata.Annotations;
            var policyName = Annotations.Get(annotations, Annotations.UpstreamPolicy);
            var overrideName = Annotations.Get(annotations, Annotations.Override);
            var input = new ServiceBuilder.Input(
                name, p.Namespace, p.ServiceName, new PortDef(PortMode.ByNumber, p.Port, ""), WithPath: false,
                ObjectRefs.Of(p.Parent), k8sService, slices.For(p.Namespace, p.ServiceName),
                string.IsNullOrEmpty(policyName) ? null : snapshot.KongUpstreamPolicies.Get(p.Namespace, policyName),
                serviceUpstream, clusterDomain, gates.FillIDs,
                Override: string.IsNullOrEmpty(overrideName) ? null : snapshot.Get(WatchedKinds.KongIngresses).Get(p.Namespace, overrideName),
                Protocol: p.Udp ? "udp" : "tcp",
                DefaultPort: p.Udp ? p.Port : 80,
                DefaultTimeouts: !p.Udp);
            var built = ServiceBuilder.BuildFinished(input);
            failures.AddRange(built.Failures);
            // deckgen: routes descending by name.
            var routes = p.Routes.OrderByDescending(r => r.Name, StringComparer.Ordinal).ToArray();
            result.Add(new L4Service(built.Service with { Routes = routes }, built.Upstream, k8sService, p.Namespace, p.RoutesByParent));
        }
        return result;
    }

    private static List<T> Ordered<T>(KindSet<T> objects, ClassSelection selection) where T : class, IKubernetesObject<V1ObjectMeta> =>
        // store order (namespace/name), then a stable sort by creationTimestamp.
        objects.Where(o => selection.SelectsByAnnotation(o.Metadata.Annotations))
            .OrderBy(o => ObjectKey.Of(o.Metadata))
            .OrderBy(o => o.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ToList();

    private static void AddRules(
        IKubernetesObject<V1ObjectMeta> ingress, List<L4IngressRule>? rules, bool udp, FeatureGates gates,
        Dictionary<string, Pending> pending, List<string> order)
    {
        var ns = ingress.Metadata.NamespaceProperty ?? "";
        var tags = KubernetesTags.For(ingress);
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var rule = rules![i];
            if (string.IsNullOrEmpty(rule.Backend?.ServiceName))
            {
                continue; // KIC logs "failed to create ServiceBackend for … rule" and skips it; no Event.
            }
            var backend = rule.Backend;
            var index = i.ToString(CultureInfo.InvariantCulture);
            var route = new KongRoute
            {
                Name = $"{ns}.{ingress.Metadata.Name}.{index}" + (udp ? ".udp" : ""),
                Protocols = udp ? ["udp"] : ["tcp", "tls"],
                Destinations = [new KongCidrPort { Port = rule.Port }],
                Snis = !udp && !string.IsNullOrEmpty(rule.Host) ? [rule.Host] : null,
                Tags = tags,
            };
            if (gates.ExpressionRoutes)
            {
                var port = $"net.dst.port == {rule.Port.ToString(CultureInfo.InvariantCulture)}";
                route = route with
                {
                    Destinations = null,
                    Snis = null,
                    Expression = route.Snis is { } snis ? $"(tls.sni == \"{snis[0]}\") && ({port})" : port,
                    Priority = 1,
                };
            }
            route = RouteAnnotations.Apply(route, ingress.Metadata.Annotations, gates.ExpressionRoutes) with
            {
                Id = gates.FillIDs ? KongIds.Route(route.Name) : null,
            };
            route = route with
            {
                // deckgen defaults, as for every route.
                HttpsRedirectStatusCode = route.HttpsRedirectStatusCode ?? 426,
                PathHandling = gates.ExpressionRoutes ? route.PathHandling : route.PathHandling ?? "v0",
            };

            var servicePort = backend.ServicePort.ToString(CultureInfo.InvariantCulture);
            var name = $"{ns}.{backend.ServiceName}.{servicePort}" + (udp ? ".udp" : "");
            if (!pending.TryGetValue(name, out var p))
            {
                pending[name] = p = new Pending(ns, backend.ServiceName, backend.ServicePort, udp, ingress);
                order.Add(name);
            }
            p.Routes.Add(route);
            var forParent = p.RoutesByParent.FirstOrDefault(e => ReferenceEquals(e.Parent, ingress));
            if (forParent.Routes is null)
            {
                forParent = (ingress, []);
                p.RoutesByParent.Add(forParent);
            }
            forParent.Routes.Add(route.Name!);
        }
    }

    private sealed class Pending(string ns, string serviceName, int port, bool udp, IKubernetesObject<V1ObjectMeta> parent)
    {
        public string Namespace { get; } = ns;
        public string ServiceName { get; } = serviceName;
        public int Port { get; } = port;
        public bool Udp { get; } = udp;

        /// <summary>The first object that built the service; failures point at it (KIC: the last, for one-object services the same).</summary>
        public IKubernetesObject<V1ObjectMeta> Parent { get; } = parent;
        public List<KongRoute> Routes { get; } = [];
        public List<(IKubernetesObject<V1ObjectMeta> Parent, List<string> Routes)> RoutesByParent { get; } = [];
    }
}
