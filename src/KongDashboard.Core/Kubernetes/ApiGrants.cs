namespace KongDashboard.Core.Kubernetes;

/// <summary>One RBAC permission: a verb on a resource of an API group.</summary>
public sealed record ApiGrant(string Group, string Resource, string Verb)
{
    public override string ToString() => $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{Resource}";
}

/// <summary>
/// Every Kubernetes API call the product makes, as RBAC grants: the watched kinds' verbs from the kinds table, plus
/// the few calls outside it. <c>deploy/</c> grants exactly these (a test compares them), so a new call or kind that
/// is not granted — or a grant nothing uses — fails the build's tests, not a real cluster.
/// </summary>
public static class ApiGrants
{
    /// <summary>Calls outside the kinds table, each with where it is made.</summary>
    private static readonly ApiGrant[] Others =
    [
        // Core/Autoscaling/PodMetricsReader: what `kubectl top pods` reads.
        new("metrics.k8s.io", "pods", "list"),
        // Core/Signals/EventRecorder: Warning Events on translated objects; Audit: DashboardAdminAction Events.
        new("", "events", "create"),
        new("", "events", "patch"),
        // Core/Autoscaling/AutoscalingMonitor: the HPA's Events for the Autoscaling page; Core/Events/ObjectEventReader:
        // an object's Events in its drawer (any namespace, so the ClusterRole grants it).
        new("", "events", "list"),
        // Core/Leadership/LeaseClient: the leader Lease (namespaced Role, its own name only for all but create).
        new("coordination.k8s.io", "leases", "create"),
        new("coordination.k8s.io", "leases", "get"),
        new("coordination.k8s.io", "leases", "update"),
        new("coordination.k8s.io", "leases", "patch"),
        // Core/GatewayApiStatus/StatusWriter: Gateway API statuses (merge patch on /status) and the publish-service
        // annotation of unmanaged Gateways.
        new("gateway.networking.k8s.io", "gatewayclasses/status", "patch"),
        new("gateway.networking.k8s.io", "gateways/status", "patch"),
        new("gateway.networking.k8s.io", "httproutes/status", "patch"),
        new("gateway.networking.k8s.io", "grpcroutes/status", "patch"),
        new("gateway.networking.k8s.io", "tcproutes/status", "patch"),
        new("gateway.networking.k8s.io", "udproutes/status", "patch"),
        new("gateway.networking.k8s.io", "tlsroutes/status", "patch"),
        new("gateway.networking.k8s.io", "gateways", "patch"),
        // Hosting/SecretXmlRepository: the sign-in key ring shared by the replicas (namespaced Role, its own name only
        // for all but create).
        new("", "secrets", "get"),
        new("", "secrets", "create"),
        new("", "secrets", "update"),
        // Core/Sync/LeaderPushWriter: the leader's push outcomes for followers (namespaced Role, its own name only for
        // all but create).
        new("", "configmaps", "create"),
        new("", "configmaps", "get"),
        new("", "configmaps", "update"),
    ];

    public static IReadOnlySet<ApiGrant> Required { get; } = WatchedKinds.All
        .SelectMany(k => k.Verbs.Select(v => new ApiGrant(k.Group, k.Plural, v)))
        .Concat(Others)
        .ToHashSet();
}
