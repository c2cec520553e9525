using KongDashboard.Core.Cluster;
using KongDashboard.Core.Signals;
using KongDashboard.Hosting;

namespace KongDashboard.Audit;

/// <summary>
/// Records each admin action as a Kubernetes Event (reason DashboardAdminAction, component kong-dashboard) through
/// Core's one Event writer (<see cref="EventRecorder"/>: background, Secret values scrubbed, repeats counted), on the
/// dashboard's own Pod when known (POD_NAME), else the election Lease, else the namespace. Every replica records the
/// actions it serves (not leader-only); an unreachable API server never blocks or fails the action itself.
/// </summary>
public sealed class AuditEventWriter : IAsyncDisposable
{
    public const string Reason = "DashboardAdminAction";
    public const string Component = "kong-dashboard";

    private readonly ControllerHost _host;
    private readonly EventRecorder _events;

    public AuditEventWriter(ControllerHost host, ILogger<AuditEventWriter> logger)
    {
        _host = host;
        _events = new EventRecorder(host.ClientAsync, Component, host.InstanceId, mayWrite: () => true, logger);
    }

    public void Enqueue(AuditEntry entry) =>
        _events.Record(InvolvedObject(), entry.Result == AuditResult.Succeeded ? "Normal" : "Warning", Reason, AuditText.Describe(entry), entry.At.UtcDateTime);

    /// <summary>The object the Event is about.</summary>
    private ObjectRef InvolvedObject()
    {
        var ownNamespace = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } n ? n : null;
        if (Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod)
        {
            var uid = _host.Feed.Current.Pods.Values.FirstOrDefault(p => p.Key.Name == pod && (ownNamespace is null || p.Key.Namespace == ownNamespace))?.Uid;
            return new ObjectRef("", "v1", "Pod", ownNamespace ?? "default", pod, uid);
        }

        if (_host.Feed.Current.Leadership.LeaseName is { Length: > 0 } lease)
        {
            var parts = lease.Split('/', 2);
            return parts.Length == 2
                ? new ObjectRef("coordination.k8s.io", "v1", "Lease", parts[0], parts[1])
                : new ObjectRef("coordination.k8s.io", "v1", "Lease", ownNamespace ?? "default", lease);
        }

        var fallback = ownNamespace ?? "default";
        return new ObjectRef("", "v1", "Namespace", fallback, fallback);
    }

    public ValueTask DisposeAsync() => _events.DisposeAsync();
}
