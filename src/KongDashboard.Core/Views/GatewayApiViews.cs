using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.GatewayApiStatus;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Translation;
using KongDashboard.Core.Translation.GatewayApi;

namespace KongDashboard.Core.Views;

/// <summary>A status condition as shown: type, status, reason and message.</summary>
public sealed record ConditionRow(string Type, string Status, string? Reason, string? Message)
{
    public bool IsTrue => Status == "True";

    public static ImmutableArray<ConditionRow> Of(IEnumerable<V1Condition>? conditions) =>
        [.. (conditions ?? []).Select(c => new ConditionRow(c.Type, c.Status, c.Reason, c.Message))];
}

public sealed record ListenerRow(string Name, string Protocol, int Port, string? Hostname, int AttachedRoutes, ImmutableArray<ConditionRow> Conditions);

/// <summary>One route's relation to one parent Gateway: attached (translated) or not, and the written conditions saying why.</summary>
public sealed record RouteAttachmentRow(
    string Kind,
    ObjectKey Route,
    string? SectionName,
    ImmutableArray<string> Hostnames,
    bool Translated,
    ImmutableArray<ConditionRow> Conditions)
{
    /// <summary>Why the route is not attached: the first false condition the controller wrote, else the admission verdict.</summary>
    public string? Why => Translated
        ? null
        : Conditions.FirstOrDefault(c => !c.IsTrue) is { } failed
            ? $"{failed.Type}: {failed.Reason}{(string.IsNullOrEmpty(failed.Message) ? "" : $" — {failed.Message}")}"
            : "not admitted by this controller (the Gateway's class is not this controller's, or no listener accepts this route)";
}

public sealed record GatewayRow(
    ObjectKey Key,
    string GatewayClass,
    ImmutableArray<ListenerRow> Listeners,
    ImmutableArray<ConditionRow> Conditions,
    ImmutableArray<RouteAttachmentRow> Routes)
{
    public int AttachedCount => Routes.Count(r => r.Translated);
}

/// <summary>
/// Gateways with their listeners and the routes whose parentRefs name them, each route marked attached when the
/// translator's route admission (<see cref="RouteAdmission"/>, KIC's Gateway controllers) let it through, with the
/// status conditions the controller wrote (<see cref="GatewayApiStatus"/>) to explain a route that did not attach.
/// </summary>
public static class GatewayApiViews
{
    public static ImmutableArray<GatewayRow> Build(ClusterSnapshot snapshot, TranslatorOptions options)
    {
        var admitted = Admitted(RouteAdmission.Admit(snapshot, options));
        var routes = RouteView.All(snapshot).ToList();
        return
        [
            .. snapshot.Get(WatchedKinds.Gateways)
                .OrderBy(g => g.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(g => g.Metadata.Name, StringComparer.Ordinal)
                .Select(g => Gateway(g, routes, admitted)),
        ];
    }

    private static GatewayRow Gateway(Gateway gateway, List<RouteView> routes, HashSet<(string Kind, ObjectKey Key)> admitted)
    {
        var key = ObjectKey.Of(gateway.Metadata);
        var statuses = gateway.Status?.Listeners ?? [];
        var listeners = (gateway.Spec?.Listeners ?? []).Select(l =>
        {
            var status = statuses.FirstOrDefault(s => s.Name == l.Name);
            return new ListenerRow(l.Name, l.Protocol, l.Port, l.Hostname, status?.AttachedRoutes ?? 0, ConditionRow.Of(status?.Conditions));
        });
        var attachments = routes.SelectMany(route => route.ParentRefs
            .Where(p => (p.Kind ?? "Gateway") == "Gateway" && p.Name == key.Name && (p.Namespace ?? route.Key.Namespace) == key.Namespace)
            .Select(parent => new RouteAttachmentRow(
                route.Kind,
                route.Key,
                parent.SectionName,
                [.. route.Hostnames ?? []],
                admitted.Contains((route.Kind, route.Key)),
                ConditionRow.Of(route.Status?.Parents?.FirstOrDefault(s => SameParent(s.ParentRef, parent, route.Key.Namespace))?.Conditions))));
        return new GatewayRow(key, gateway.Spec?.GatewayClassName ?? "", [.. listeners], ConditionRow.Of(gateway.Status?.Conditions), [.. attachments]);
    }

    private static bool SameParent(ParentReference written, ParentReference wanted, string routeNamespace) =>
        written.Name == wanted.Name
        && (written.Namespace ?? routeNamespace) == (wanted.Namespace ?? routeNamespace)
        && written.SectionName == wanted.SectionName
        && written.Port == wanted.Port;

    private static HashSet<(string Kind, ObjectKey Key)> Admitted(AdmittedRoutes routes) =>
    [
        .. routes.HttpRoutes.Select(r => ("HTTPRoute", ObjectKey.Of(r.Metadata))),
        .. routes.GrpcRoutes.Select(r => ("GRPCRoute", ObjectKey.Of(r.Metadata))),
        .. routes.TcpRoutes.Select(r => ("TCPRoute", ObjectKey.Of(r.Metadata))),
        .. routes.UdpRoutes.Select(r => ("UDPRoute", ObjectKey.Of(r.Metadata))),
        .. routes.TlsRoutes.Select(r => ("TLSRoute", ObjectKey.Of(r.Metadata))),
    ];
}
