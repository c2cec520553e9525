using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.KongCrds;

namespace KongDashboard.Core.Translation.Ingress;

/// <summary>
/// Translates one Ingress into routes grouped by (namespace, name, backend Service, host, port)
/// (subtranslator/ingress.go: ingressTranslationIndex; ingress_atc.go for the expressions router;
/// translate_ingress.go: getDefaultBackendService).
/// </summary>
internal static class IngressRouteTranslator
{
    private const string KongServiceFacadeGroup = "incubator.ingress-controller.konghq.com";

    private static readonly IReadOnlyList<(string SecretName, IReadOnlyList<string> Hosts)> NoTls = [];

    public static IngressPartial Translate(V1Ingress ingress, bool legacyRegexDetection, FeatureGates gates,
        KindSet<KongServiceFacade>? facades = null)
    {
        var ns = ingress.Metadata.NamespaceProperty ?? "";
        var name = ingress.Metadata.Name ?? "";
        var annotations = ingress.Metadata.Annotations;
        var tags = KubernetesTags.For(ingress, "networking.k8s.io", "v1", "Ingress");
        var selfRef = ObjectRefs.Of(ingress);
        var self = ImmutableArray.Create(selfRef);
        List<TranslationFailure>? failures = null;
        var regexPrefix = Annotations.Get(annotations, Annotations.RegexPrefix) ?? IngressPaths.ControllerRegexPrefix;

        // Index key = route name from the raw host; paths of all rules sharing it merge into one route.
        var groups = new List<PathGroup>(1);
        // KongServiceFacade backends (feature gate): grouped apart, keyed by facade name, host and backing port.
        var facadeGroups = new List<PathGroup>();
        var facadeOf = new Dictionary<PathGroup, KongServiceFacade>(ReferenceEqualityComparer.Instance);
        var rules = ingress.Spec?.Rules ?? [];
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            if (rule.Http?.Paths is not { Count: > 0 } paths)
            {
                continue;
            }
            var host = rule.Host ?? "";
            for (var p = 0; p < paths.Count; p++)
            {
                var httpPath = paths[p];
                var path = IngressPaths.FlattenSlashes(httpPath.Path ?? "");
                if (path.Length == 0)
                {
                    path = "/";
                }

                var pathType = httpPath.PathType ?? IngressPaths.ImplementationSpecific;
                var backend = httpPath.Backend;
                if (backend?.Service is null && gates.KongServiceFacade && FacadeCrds.FacadeName(backend?.Resource) is { } facadeName)
                {
                    if (facades?.Get(ns, facadeName) is not { } facade)
                    {
                        (failures ??= []).Add(new TranslationFailure(
                            $"failed to get backend for ingress path \"{path}\": failed to get KongServiceFacade \"{facadeName}\": KongServiceFacade {ns}/{facadeName} not found", self));
                        continue;
                    }
                    var facadeGroup = PathGroup.FindOrAdd(facadeGroups, facadeName, host, FacadeCrds.Port(facade));
                    facadeOf[facadeGroup] = facade;
                    facadeGroup.Paths.Add((path, pathType));
                    continue;
                }
                if (backend?.Service is null)
                {
                    (failures ??= []).Add(new TranslationFailure($"failed to get backend for ingress path \"{path}\": {BackendError(backend?.Resource, gates)}", self));
                    continue;
                }
                var group = PathGroup.FindOrAdd(groups, backend.Service.Name ?? "", host, PortDef.From(backend.Service.Port));
                group.Paths.Add((path, pathType));
            }
        }

        var rewrite = Annotations.Get(annotations, Annotations.Rewrite);
        string? rewriteConfig = null;
        var rewriteBroken = false;
        if (rewrite is not null && groups.Count > 0)
        {
            if (!gates.RewriteURIs)
            {
                (failures ??= []).Add(new TranslationFailure("konghq.com/rewrite annotation not supported when rewrite uris disabled", self));
                rewriteBroken = true;
            }
            else if (RewriteUri.TryTranslate(rewrite.Length == 0 ? "/" : rewrite, out rewriteConfig, out var error) is false)
            {
                (failures ??= []).Add(new TranslationFailure(error!, self));
                rewriteBroken = true;
            }
        }

        var routes = rewriteBroken ? [] : new IngressRouteEntry[groups.Count + facadeGroups.Count];
        for (var g = 0; g < routes.Length; g++)
        {
            var facade = g < groups.Count ? null : facadeOf[facadeGroups[g - groups.Count]];
            var (svc, host, port, portText, paths) = facade is null ? groups[g] : facadeGroups[g - groups.Count];
            var routeName = facade is null
                ? $"{ns}.{name}.{svc}.{host.Replace('*', '_')}.{portText}"
                : $"{ns}.{name}.{host.Replace('*', '_')}.{svc}.svc.facade";
            KongRoute route;
            if (gates.ExpressionRoutes)
            {
                var (expression, priority) = ExpressionRoutes.ForIngressRoute(paths, host, annotations);
                route = BaseRoute(routeName, tags, gates) with { Expression = expression, Priority = priority };
            }
            else
            {
                var kongPaths = new List<string>(paths.Count * 2);
                foreach (var (path, type) in paths)
                {
                    IngressPaths.AddKongPaths(kongPaths, path, type, regexPrefix, legacyRegexDetection);
                }
                route = BaseRoute(routeName, tags, gates, host.Length > 0 ? [host] : null, kongPaths.ToArray(), regexPriority: 0);
            }
            route = RouteAnnotations.Apply(route, annotations, gates.ExpressionRoutes);
            KongPluginEntity? rewritePlugin = rewriteConfig is null ? null : new KongPluginEntity
            {
                Name = "request-transformer",
                Config = new System.Text.Json.Nodes.JsonObject { ["replace"] = new System.Text.Json.Nodes.JsonObject { ["uri"] = rewriteConfig } },
                Route = routeName,
                Id = gates.FillIDs ? KongIds.Plugin("request-transformer", null, routeName, null, null) : null,
            };
            routes[g] = facade is null
                ? new IngressRouteEntry($"{ns}.{svc}.{portText}", ns, svc, port, route, rewritePlugin)
                : new IngressRouteEntry(FacadeCrds.KongServiceName(facade), ns, facade.Spec?.BackendRef?.Name ?? "", port, route, rewritePlugin, facade);
        }

        var defaultBackend = DefaultBackend(ingress, ns, name, tags, annotations, gates, facades, out var defaultBackendFailure, self);
        var tls = ingress.Spec?.Tls is not { Count: > 0 } sections ? NoTls : sections
            .Where(t => t.Hosts is { Count: > 0 } && !string.IsNullOrEmpty(t.SecretName))
            .Select(t => (t.SecretName!, (IReadOnlyList<string>)t.Hosts.ToList()))
            .ToList();
        return new IngressPartial(
            ingress, routes, defaultBackend, defaultBackendFailure, failures ?? (IReadOnlyList<TranslationFailure>)[], tls,
            Annotations.PluginRefs(annotations), selfRef);
    }

    // Fields set here rather than by `with`: a copy per field would be one more route object per Ingress rule.
    // FillIDs and deckgen's defaults (deckgen/generate.go: https_redirect_status_code 426, path_handling v0 when
    // traditional) are set up front; annotations applied afterwards override them, as they would before the defaults.
    private static KongRoute BaseRoute(
        string name, IReadOnlyList<string> tags, FeatureGates gates, IReadOnlyList<string>? hosts = null,
        IReadOnlyList<string>? paths = null, int? regexPriority = null) => new()
        {
            Id = gates.FillIDs ? KongIds.Route(name) : null,
            HttpsRedirectStatusCode = 426,
            PathHandling = gates.ExpressionRoutes ? null : "v0",
            Name = name,
            StripPath = false,
            PreserveHost = true,
            RequestBuffering = true,
            ResponseBuffering = true,
            Tags = tags,
            Hosts = hosts,
            Paths = paths,
            RegexPriority = regexPriority,
        };

    private static string BackendError(V1TypedLocalObjectReference? resource, FeatureGates gates)
    {
        if (resource is null)
        {
            return "no Service or Resource specified for Ingress path";
        }
        if (resource.Kind != "KongServiceFacade" || resource.ApiGroup != KongServiceFacadeGroup)
        {
            return "unknown resource type " + (resource.ApiGroup is null ? resource.Kind : resource.ApiGroup + "/" + resource.Kind);
        }
        return gates.KongServiceFacade
            ? $"failed to get KongServiceFacade \"{resource.Name}\": KongServiceFacade backends are not supported by this translator"
            : "KongServiceFacade is not enabled, please set the \"KongServiceFacade\" feature gate to 'true' to enable it";
    }

    private static IngressRouteEntry? DefaultBackend(
        V1Ingress ingress, string ns, string name, IReadOnlyList<string> tags, IDictionary<string, string>? annotations,
        FeatureGates gates, KindSet<KongServiceFacade>? facades, out TranslationFailure? failure, ImmutableArray<Cluster.ObjectRef> self)
    {
        failure = null;
        var backend = ingress.Spec?.DefaultBackend;
        if (backend is null)
        {
            return null;
        }
        KongServiceFacade? facade = null;
        if (backend.Service is null && gates.KongServiceFacade && FacadeCrds.FacadeName(backend.Resource) is { } facadeName)
        {
            facade = facades?.Get(ns, facadeName);
            if (facade is null)
            {
                failure = new TranslationFailure(
                    $"default backend: KongServiceFacade \"{facadeName}\" could not be fetched: KongServiceFacade {ns}/{facadeName} not found", self);
                return null;
            }
        }
        else if (backend.Service is null)
        {
            var resource = backend.Resource;
            var gk = resource?.ApiGroup is null ? resource?.Kind : resource.ApiGroup + "/" + resource.Kind;
            failure = new TranslationFailure(
                resource?.Kind == "KongServiceFacade" && resource.ApiGroup == KongServiceFacadeGroup && !gates.KongServiceFacade
                    ? "default backend: KongServiceFacade is not enabled, please set the \"KongServiceFacade\" feature gate to 'true' to enable it"
                    : $"default backend: unsupported resource type {gk}",
                self);
            return null;
        }
        var port = facade is null ? PortDef.From(backend.Service!.Port) : FacadeCrds.Port(facade);
        var svc = facade is null ? backend.Service!.Name ?? "" : facade.Spec?.BackendRef?.Name ?? "";
        var route = BaseRoute($"{ns}.{name}", tags, gates);
        if (gates.ExpressionRoutes)
        {
            var (expression, priority) = ExpressionRoutes.ForDefaultBackend();
            route = route with { Expression = expression, Priority = priority };
        }
        else
        {
            route = route with { Paths = ["/"], RegexPriority = 0 };
        }
        route = RouteAnnotations.Apply(route, annotations, gates.ExpressionRoutes);
        return facade is null
            ? new IngressRouteEntry($"{ns}.{svc}.{port.CanonicalString()}", ns, svc, port, route, null)
            : new IngressRouteEntry(FacadeCrds.KongServiceName(facade), ns, svc, port, route, null, facade);
    }
}
