using System.Collections.Immutable;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Status;

/// <summary>
/// The translation stage of the status model: one <see cref="TranslatedObject"/> per object that routes traffic
/// (Ingress, the Gateway API routes, TCPIngress/UDPIngress) and per object a translation failure names (a KongPlugin,
/// a Service, a Secret…). Pure: a snapshot and a translation result in, rows out.
/// </summary>
public static class TranslatedObjects
{
    /// <summary>The kinds that route traffic, in the order the Translation page lists them.</summary>
    public static readonly ImmutableArray<string> RouteKinds =
        ["Ingress", "HTTPRoute", "GRPCRoute", "TCPRoute", "UDPRoute", "TLSRoute", "TCPIngress", "UDPIngress"];

    public static ImmutableArray<TranslatedObject> Build(ClusterSnapshot snapshot, TranslationResult result, ImmutableArray<IngressRow> ingresses)
    {
        var routes = RoutesByObject(result.Config);
        var messages = result.FailureEvents()
            .GroupBy(e => Key(e.Object))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToImmutableArray());

        var objects = FromIngressRows(ingresses).ToDictionary(o => o.Key);

        AddRoutes(objects, "HTTPRoute", snapshot.Get(WatchedKinds.HttpRoutes), routes, messages);
        AddRoutes(objects, "GRPCRoute", snapshot.Get(WatchedKinds.GrpcRoutes), routes, messages);
        AddRoutes(objects, "TCPRoute", snapshot.Get(WatchedKinds.TcpRoutes), routes, messages);
        AddRoutes(objects, "UDPRoute", snapshot.Get(WatchedKinds.UdpRoutes), routes, messages);
        AddRoutes(objects, "TLSRoute", snapshot.Get(WatchedKinds.TlsRoutes), routes, messages);
        AddRoutes(objects, "TCPIngress", snapshot.Get(WatchedKinds.TCPIngresses), routes, messages);
        AddRoutes(objects, "UDPIngress", snapshot.Get(WatchedKinds.UDPIngresses), routes, messages);

        // Objects pulled in by a route (plugins, Services, Secrets, consumers) get a row only when an error lands on them.
        foreach (var (key, failures) in messages.Where(m => !objects.ContainsKey(m.Key)))
        {
            objects[key] = new TranslatedObject(key, true, null, [], failures);
        }

        return [.. objects.Values.OrderBy(o => o.Key)];
    }

    /// <summary>The Ingress part: the Translation page's rows already know class, routes and failures.</summary>
    public static IEnumerable<TranslatedObject> FromIngressRows(IEnumerable<IngressRow> ingresses) =>
        ingresses.Select(row => new TranslatedObject(
            new StatusKey("Ingress", row.Key.Namespace, row.Key.Name),
            row.Status != IngressStatus.Ignored,
            row.Status == IngressStatus.Ignored ? $"Ingress class {row.IngressClass ?? "(none)"} is not this controller's." : null,
            row.Routes,
            row.Messages));

    public static StatusKey Key(ObjectRef o) => new(o.Kind, o.Namespace, o.Name);

    private static void AddRoutes<T>(
        Dictionary<StatusKey, TranslatedObject> objects,
        string kind,
        IEnumerable<T> items,
        Dictionary<StatusKey, ImmutableArray<string>> routes,
        Dictionary<StatusKey, ImmutableArray<string>> messages)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        foreach (var item in items)
        {
            var key = new StatusKey(kind, item.Metadata.NamespaceProperty ?? "", item.Metadata.Name ?? "");
            var produced = routes.GetValueOrDefault(key, []);
            var failures = messages.GetValueOrDefault(key, []);
            // The translator only emits routes (or failures) for the objects it took: admission by class or Gateway.
            var taken = produced.Length > 0 || failures.Length > 0;
            objects[key] = new TranslatedObject(key, taken,
                taken ? null : kind.EndsWith("Route", StringComparison.Ordinal)
                    ? "No Gateway of this controller accepts it (another GatewayClass or Gateway, or no matching listener)."
                    : "Its ingress class is not this controller's.",
                produced, failures);
        }
    }

    private static Dictionary<StatusKey, ImmutableArray<string>> RoutesByObject(KongConfig config) =>
        config.AllRoutes()
            .Select(x => (Key: KeyFromTags(x.Route.Tags), x.Route.Name))
            .Where(x => x.Key is not null && x.Name is not null)
            .GroupBy(x => x.Key!.Value)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Distinct().Order(StringComparer.Ordinal).ToImmutableArray());

    /// <summary>The object a Kong entity came from, by KIC's k8s-kind/k8s-namespace/k8s-name tags.</summary>
    public static StatusKey? KeyFromTags(IReadOnlyList<string>? tags)
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

        return kind is not null && name is not null ? new StatusKey(kind, ns ?? "", name) : null;
    }
}
