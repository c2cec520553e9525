using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// Gateway API routes (HTTPRoute, UDPRoute, TCPRoute, TLSRoute, GRPCRoute) → Kong services, upstreams and KongPlugin
/// attachments, as KIC's translator (translator.go: BuildKongConfig, the Gateway API rule sources in that order).
/// Pure over the snapshot: recomputed on every translation.
/// </summary>
internal static class GatewayApiTranslator
{
    public static GatewayApiResult Translate(ClusterSnapshot snapshot, TranslatorOptions options, List<TranslationFailure> failures)
    {
        var admitted = RouteAdmission.Admit(snapshot, options);
        if (admitted.IsEmpty)
        {
            return GatewayApiResult.Empty;
        }

        // Later sources replace services of the same name, as KIC's rule map does.
        var drafts = new Dictionary<string, ServiceDraft>(StringComparer.Ordinal);
        void Add(IEnumerable<ServiceDraft> more)
        {
            foreach (var d in more) drafts[d.Name] = d;
        }
        Add(HttpRouteTranslator.Translate(snapshot, admitted.HttpRoutes, options, failures));
        Add(L4RouteTranslator.Translate(snapshot, options, () => admitted.TcpRoutes, () => admitted.UdpRoutes, () => admitted.TlsRoutes, failures));
        Add(GrpcRouteTranslator.Translate(snapshot, admitted.GrpcRoutes, options));

        var services = new List<KongService>();
        var upstreams = new List<KongUpstream>();
        var attachments = new List<PluginAttachment>();
        var backends = new List<ServiceBackends>();
        foreach (var draft in drafts.Values.OrderByDescending(d => d.Name, StringComparer.Ordinal))
        {
            var routes = new List<KongRoute>();
            foreach (var routeDraft in draft.Routes)
            {
                var route = RouteAnnotationsFor(routeDraft, options.FeatureGates.ExpressionRoutes);
                if (route.Plugins is { Count: > 1 } nested)
                {
                    route = route with { Plugins = GatewayServiceBuilder.SortPlugins(nested) };
                }
                routes.Add(route);
                var refs = Annotations.PluginRefs(routeDraft.Source.Metadata.Annotations).Concat(routeDraft.ExtensionRefPlugins.Select(p => ((string?)null, p))).ToList();
                if (refs.Count > 0)
                {
                    attachments.Add(new PluginAttachment(refs, routeDraft.Source, null, route.Name!));
                }
            }
            routes.Sort(static (a, b) => string.CompareOrdinal(b.Name, a.Name));
            var (service, upstream) = GatewayServiceBuilder.Build(draft, snapshot, options, routes, failures);
            upstreams.Add(upstream);
            if (service is null)
            {
                continue;
            }
            services.Add(service);
            var k8sServices = draft.Backends.Select(b => b.Service).DistinctBy(s => (s.Metadata.NamespaceProperty, s.Metadata.Name)).ToList();
            backends.Add(new ServiceBackends(draft.Name, draft.Protocol, k8sServices));
            foreach (var k8s in k8sServices)
            {
                var refs = Annotations.PluginRefs(k8s.Metadata.Annotations);
                if (refs.Count > 0)
                {
                    attachments.Add(new PluginAttachment(refs, k8s, draft.Name, null));
                }
            }
        }
        return new GatewayApiResult(services, upstreams, attachments) { Backends = backends };
    }

    private static KongRoute RouteAnnotationsFor(RouteDraft draft, bool expressionRoutes) =>
        Ingress.RouteAnnotations.Apply(draft.Route, draft.Source.Metadata.Annotations, expressionRoutes);
}
