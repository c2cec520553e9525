using System.Threading.Channels;
using k8s;
using k8s.Models;
using KongDashboard.Hosting;

namespace KongDashboard.Audit;

/// <summary>
/// Records each admin action as a Kubernetes Event (reason DashboardAdminAction) with the controller's cluster
/// connection, on the dashboard's own Pod when known (POD_NAME), else the election Lease, else the namespace.
/// Written in the background: an unreachable API server never blocks or fails the action itself.
/// </summary>
public sealed class AuditEventWriter : IAsyncDisposable
{
    public const string Reason = "DashboardAdminAction";
    public const string Component = "kong-dashboard";

    private readonly ControllerHost _host;
    private readonly ILogger<AuditEventWriter> _logger;
    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private IKubernetes? _client;

    public AuditEventWriter(ControllerHost host, ILogger<AuditEventWriter> logger)
    {
        _host = host;
        _logger = logger;
        _writer = Task.Run(() => WriteLoopAsync(_stopping.Token));
    }

    public void Enqueue(AuditEntry entry) => _queue.Writer.TryWrite(entry);

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var entry in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await WriteAsync(entry, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    _logger.LogWarning("Could not record the audit Event for {Action} by {User}: {Error}", entry.Action, entry.User, error.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        _client ??= _host.Runtime.CreateClient();
        var involved = InvolvedObject();
        var ns = involved.NamespaceProperty ?? "default";
        var body = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{involved.Name}.{DateTime.UtcNow.Ticks:x}", NamespaceProperty = ns },
            InvolvedObject = involved,
            Reason = Reason,
            Type = entry.Result == AuditResult.Succeeded ? "Normal" : "Warning",
            Message = AuditText.Describe(entry),
            Count = 1,
            FirstTimestamp = entry.At.UtcDateTime,
            LastTimestamp = entry.At.UtcDateTime,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = _host.InstanceId,
        };
        await _client.CoreV1.CreateNamespacedEventAsync(body, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The object the Event is about; public for tests.</summary>
    public V1ObjectReference InvolvedObject()
    {
        var ownNamespace = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } n ? n : null;
        if (Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod)
        {
            var uid = _host.Feed.Current.Pods.Values.FirstOrDefault(p => p.Key.Name == pod && (ownNamespace is null || p.Key.Namespace == ownNamespace))?.Uid;
            return new V1ObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod, NamespaceProperty = ownNamespace ?? "default", Uid = uid };
        }

        if (_host.Feed.Current.Leadership.LeaseName is { Length: > 0 } lease)
        {
            var parts = lease.Split('/', 2);
            return parts.Length == 2
                ? new V1ObjectReference { ApiVersion = "coordination.k8s.io/v1", Kind = "Lease", NamespaceProperty = parts[0], Name = parts[1] }
                : new V1ObjectReference { ApiVersion = "coordination.k8s.io/v1", Kind = "Lease", NamespaceProperty = ownNamespace ?? "default", Name = lease };
        }

        var fallback = ownNamespace ?? "default";
        return new V1ObjectReference { ApiVersion = "v1", Kind = "Namespace", Name = fallback, NamespaceProperty = fallback };
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
