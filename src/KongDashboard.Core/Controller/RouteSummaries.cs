using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Controller;

/// <summary>What a Translation row shows of an object's spec, by kind: class or parents, hosts, matches, backends.</summary>
public sealed record RouteSummary(string? Class, ImmutableArray<string> Hosts, ImmutableArray<string> Matches, ImmutableArray<string> Backends)
{
    /// <summary>The hosts whose certificates belong in the object's Kong YAML (an Ingress's or TCPIngress's TLS hosts).</summary>
    public ImmutableArray<string> TlsHosts { get; init; } = [];
}

/// <summary>Reads the spec of each routing kind into a <see cref="RouteSummary"/> (display only: translation is elsewhere).</summary>
public static class RouteSummaries
{
    public static RouteSummary Of(V1Ingress ingress)
    {
        var rules = ingress.Spec?.Rules ?? [];
        var paths = rules.SelectMany(r => r.Http?.Paths ?? [])
            .Select(p => $"{(string.IsNullOrEmpty(p.Path) ? "/" : p.Path)} ({p.PathType ?? "ImplementationSpecific"})");
        var backends = rules.SelectMany(r => r.Http?.Paths ?? []).Select(p => p.Backend);
        if (ingress.Spec?.DefaultBackend is { } fallback)
        {
            paths = paths.Append("(default backend)");
            backends = backends.Append(fallback);
        }

        return new RouteSummary(
            Annotations.Get(ingress.Metadata.Annotations, Annotations.IngressClass) is { Length: > 0 } annotated ? annotated : ingress.Spec?.IngressClassName,
            Distinct(rules.Select(r => string.IsNullOrEmpty(r.Host) ? "*" : r.Host)),
            Distinct(paths),
            Distinct(backends.Select(Describe)))
        {
            TlsHosts = [.. (ingress.Spec?.Tls ?? []).SelectMany(t => t.Hosts ?? [])],
        };
    }

    public static RouteSummary Of(HttpRoute route) => new(
        Parents(route.Spec?.ParentRefs, route.Metadata),
        Hosts(route.Spec?.Hostnames),
        Distinct((route.Spec?.Rules ?? []).SelectMany(r => r.Matches is { Count: > 0 } matches ? matches.Select(Describe) : ["/ (PathPrefix)"])),
        Backends((route.Spec?.Rules ?? []).SelectMany(r => r.BackendRefs ?? []), route.Metadata));

    public static RouteSummary Of(GrpcRoute route) => new(
        Parents(route.Spec?.ParentRefs, route.Metadata),
        Hosts(route.Spec?.Hostnames),
        Distinct((route.Spec?.Rules ?? []).SelectMany(r => r.Matches is { Count: > 0 } matches ? matches.Select(Describe) : ["any method"])),
        Backends((route.Spec?.Rules ?? []).SelectMany(r => r.BackendRefs ?? []), route.Metadata));

    public static RouteSummary Of(TcpRoute route) => L4(route.Spec?.ParentRefs, null, route.Spec?.Rules, route.Metadata);

    public static RouteSummary Of(UdpRoute route) => L4(route.Spec?.ParentRefs, null, route.Spec?.Rules, route.Metadata);

    public static RouteSummary Of(TlsRoute route) => L4(route.Spec?.ParentRefs, route.Spec?.Hostnames, route.Spec?.Rules, route.Metadata);

    public static RouteSummary Of(TCPIngress ingress) => new(
        Annotations.Get(ingress.Metadata.Annotations, Annotations.IngressClass),
        Distinct((ingress.Spec?.Rules ?? []).Select(r => string.IsNullOrEmpty(r.Host) ? "*" : r.Host)),
        Distinct((ingress.Spec?.Rules ?? []).Select(r => $"port {r.Port}")),
        Distinct((ingress.Spec?.Rules ?? []).Select(r => $"{r.Backend?.ServiceName}:{r.Backend?.ServicePort}")))
    {
        TlsHosts = [.. (ingress.Spec?.Tls ?? []).SelectMany(t => t.Hosts ?? [])],
    };

    public static RouteSummary Of(UDPIngress ingress) => new(
        Annotations.Get(ingress.Metadata.Annotations, Annotations.IngressClass),
        ["*"],
        Distinct((ingress.Spec?.Rules ?? []).Select(r => $"port {r.Port}")),
        Distinct((ingress.Spec?.Rules ?? []).Select(r => $"{r.Backend?.ServiceName}:{r.Backend?.ServicePort}")));

    private static RouteSummary L4(List<ParentReference>? parents, List<string>? hostnames, List<L4RouteRule>? rules, V1ObjectMeta meta) => new(
        Parents(parents, meta),
        Hosts(hostnames),
        Distinct((parents ?? []).Select(p => p.Port is { } port ? $"port {port}" : p.SectionName is { } section ? $"listener {section}" : "any listener")),
        Backends((rules ?? []).SelectMany(r => r.BackendRefs ?? []), meta));

    /// <summary>The parent Gateways as <c>gateway ns/name[/section]</c>; the namespace defaults to the route's.</summary>
    private static string? Parents(List<ParentReference>? parents, V1ObjectMeta meta) =>
        parents is { Count: > 0 }
            ? string.Join(", ", parents.Select(p => $"{p.Namespace ?? meta.NamespaceProperty}/{p.Name}{(p.SectionName is { } s ? "/" + s : "")}").Distinct())
            : null;

    private static ImmutableArray<string> Hosts(List<string>? hostnames) => hostnames is { Count: > 0 } ? Distinct(hostnames) : ["*"];

    private static ImmutableArray<string> Backends(IEnumerable<BackendRef> refs, V1ObjectMeta meta) =>
        Distinct(refs.Select(b =>
            $"{(b.Namespace is { } ns && ns != meta.NamespaceProperty ? ns + "/" : "")}{(b.Kind is { } kind && kind != "Service" ? kind + "/" : "")}{b.Name}"
            + (b.Port is { } port ? $":{port}" : "") + (b.Weight is { } weight ? $" (weight {weight})" : "")));

    private static string Describe(HttpRouteMatch match)
    {
        var path = match.Path is { } p ? $"{p.Value ?? "/"} ({p.Type ?? "PathPrefix"})" : "/ (PathPrefix)";
        var method = match.Method is { } m ? m + " " : "";
        var headers = match.Headers is { Count: > 0 } h ? " headers " + string.Join(",", h.Select(x => x.Name)) : "";
        var query = match.QueryParams is { Count: > 0 } q ? " query " + string.Join(",", q.Select(x => x.Name)) : "";
        return method + path + headers + query;
    }

    private static string Describe(GrpcRouteMatch match)
    {
        var method = match.Method is { } m ? $"{m.Service ?? "*"}/{m.Method ?? "*"}{(m.Type is { } t && t != "Exact" ? $" ({t})" : "")}" : "any method";
        return match.Headers is { Count: > 0 } h ? method + " headers " + string.Join(",", h.Select(x => x.Name)) : method;
    }

    private static string Describe(V1IngressBackend backend) => backend switch
    {
        { Service: { } service } => $"{service.Name}:{(service.Port?.Number is { } number and not 0 ? number.ToString() : service.Port?.Name)}",
        { Resource: { } resource } => $"{resource.Kind}/{resource.Name}",
        _ => "(none)",
    };

    private static ImmutableArray<string> Distinct(IEnumerable<string> values) => [.. values.Distinct(StringComparer.Ordinal)];
}
