using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Translation.GatewayApi;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>One status (or annotation) to write: the object as observed and what its status should be.</summary>
/// <param name="Resource">The plural of the kind (gatewayclasses, gateways, httproutes, …).</param>
/// <param name="Status">The desired <c>status</c>; null for an annotation-only change.</param>
/// <param name="PublishService">The <c>konghq.com/publish-service</c> value to add to a Gateway, else null.</param>
public sealed record StatusUpdate(string Resource, string Kind, IKubernetesObject<V1ObjectMeta> Object, object? Status, string? PublishService = null)
{
    public ObjectKey Key => ObjectKey.Of(Object.Metadata);

    public override string ToString() => $"{Kind} {Key}";
}

/// <summary>
/// Every status this controller should write for a snapshot, keeping only the ones that differ from what is
/// observed: a status write comes back through the watch, and recomputing it then yields no update (no loop).
/// </summary>
public static class DesiredStatuses
{
    public static List<StatusUpdate> Compute(ClusterSnapshot snapshot, StatusSettings settings, DateTime now)
    {
        var updates = new List<StatusUpdate>();
        foreach (var cls in snapshot.Get(WatchedKinds.GatewayClasses))
        {
            if (GatewayClassStatuses.Desired(cls, settings, now) is { } desired && !Same(desired, cls.Status))
            {
                updates.Add(new StatusUpdate("gatewayclasses", "GatewayClass", cls, desired));
            }
        }

        // Unmanaged Gateways get our listener statuses; routes read them, not the (possibly stale) observed ones.
        var computed = new Dictionary<ObjectKey, IReadOnlyList<ListenerStatus>?>();
        foreach (var gateway in snapshot.Get(WatchedKinds.Gateways))
        {
            var cls = snapshot.Get(WatchedKinds.GatewayClasses).Get("", gateway.Spec?.GatewayClassName ?? "");
            if (cls?.Spec?.ControllerName != settings.ControllerName || !RouteAdmission.Admission.IsUnmanaged(cls))
            {
                continue;
            }
            if (GatewayStatuses.MissingPublishServiceAnnotation(gateway, settings) is { } publish)
            {
                // KIC's first step: annotate, then compute status on the next reconcile (the annotated object comes back).
                updates.Add(new StatusUpdate("gateways", "Gateway", gateway, null, publish));
                computed[ObjectKey.Of(gateway.Metadata)] = gateway.Status?.Listeners;
                continue;
            }
            var desired = GatewayStatuses.Desired(snapshot, gateway, settings, now);
            computed[ObjectKey.Of(gateway.Metadata)] = desired.Listeners;
            if (!Same(desired, gateway.Status))
            {
                updates.Add(new StatusUpdate("gateways", "Gateway", gateway, desired));
            }
        }

        foreach (var route in RouteView.All(snapshot))
        {
            var desired = RouteStatuses.Desired(snapshot, route, settings,
                g => computed.TryGetValue(ObjectKey.Of(g.Metadata), out var ours) ? ours : g.Status?.Listeners, now);
            if (desired is not null && !Same(desired, route.Status))
            {
                updates.Add(new StatusUpdate(route.Kind.ToLowerInvariant() + "s", route.Kind, route.Object, desired));
            }
        }
        return updates;
    }

    /// <summary>Semantic equality through the API's JSON form (conditions keep their lastTransitionTime when unchanged).</summary>
    public static bool Same(object desired, object? observed) =>
        KubernetesJson.Serialize(desired) == (observed is null ? null : KubernetesJson.Serialize(observed));
}
