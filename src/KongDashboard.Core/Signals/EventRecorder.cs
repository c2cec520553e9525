using System.Collections.Concurrent;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Signals;

/// <summary>
/// The one writer of core/v1 Events: the controller's, like KIC's recorder (component "kong-client", leader only
/// through <c>mayWrite</c>), and the dashboard's audit of admin actions (component "kong-dashboard", every replica).
/// Written in the background so recording never blocks translation, pushes or actions; an unreachable API server
/// costs a log line. Messages are scrubbed of Secret values. Repeats of the same (object, reason, message) bump
/// count and lastTimestamp instead of creating new Events, as the Kubernetes event correlator does.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    /// <summary>KIC's component, for the controller's Events.</summary>
    public const string Component = "kong-client";

    private readonly Func<Task<IKubernetes>> _client;
    private readonly string _component;
    private readonly string _instanceId;
    private readonly Func<bool> _mayWrite;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _lastNameTicks;
    private readonly Channel<PendingEvent> _queue = Channel.CreateBounded<PendingEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly ConcurrentDictionary<(string Uid, string Reason, string Message), (string Name, string Namespace, int Count)> _seen = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;

    public EventRecorder(IKubernetes client, string instanceId, Func<bool> mayWrite, ILogger logger, TimeProvider? time = null)
        : this(() => Task.FromResult(client), Component, instanceId, mayWrite, logger, time)
    {
    }

    /// <param name="client">The API client, awaited before the first write (e.g. once the cluster connection is up).</param>
    /// <param name="component">source.component and reportingComponent of every Event.</param>
    /// <param name="mayWrite">Asked at each record: false drops it (an observer or a non-leader replica).</param>
    public EventRecorder(Func<Task<IKubernetes>> client, string component, string instanceId, Func<bool> mayWrite, ILogger logger, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _client = client;
        _component = component;
        _instanceId = instanceId;
        _mayWrite = mayWrite;
        _logger = logger;
        _writer = Task.Run(() => WriteLoopAsync(_stopping.Token));
    }

    public void Warning(ObjectRef involved, string reason, string message) => Enqueue(involved, "Warning", reason, message);

    public void Normal(ObjectRef involved, string reason, string message) => Enqueue(involved, "Normal", reason, message);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _writer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stopping.Dispose();
    }

    /// <summary>Records an Event of <paramref name="type"/> ("Normal" or "Warning") that happened at <paramref name="at"/> (default: now).</summary>
    public void Record(ObjectRef involved, string type, string reason, string message, DateTime? at = null)
    {
        if (_mayWrite())
        {
            // Whatever a caller passes, no value from a Secret ever becomes an Event.
            _queue.Writer.TryWrite(new PendingEvent(involved, type, reason, SecretRedactor.Scrub(message), at ?? _time.GetUtcNow().UtcDateTime));
        }
    }

    private void Enqueue(ObjectRef involved, string type, string reason, string message) => Record(involved, type, reason, message);

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var pending in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await WriteAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                _logger.LogWarning("Could not record {Reason} event on {Object}: {Error}", pending.Reason, pending.Involved, error.Message);
            }
        }
    }

    /// <summary>
    /// The clock's ticks as client-go names Events (name.&lt;time in hex&gt;), but strictly increasing: a clock that has
    /// not moved (a coarse one, or a fake one in tests) must not make two Events share a name (409 AlreadyExists).
    /// </summary>
    private long NameTicks()
    {
        while (true)
        {
            var last = Volatile.Read(ref _lastNameTicks);
            var next = Math.Max(_time.GetUtcNow().UtcTicks, last + 1);
            if (Interlocked.CompareExchange(ref _lastNameTicks, next, last) == last)
            {
                return next;
            }
        }
    }

    private async Task WriteAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        var client = await _client().WaitAsync(cancellationToken).ConfigureAwait(false);
        var ns = pending.Involved.Namespace.Length > 0 ? pending.Involved.Namespace : "default";
        var key = (pending.Involved.Uid ?? pending.Involved.ToString(), pending.Reason, pending.Message);
        if (_seen.TryGetValue(key, out var existing))
        {
            var count = existing.Count + 1;
            var patch = new V1Patch(
                $$"""{"count":{{count}},"lastTimestamp":"{{pending.At:yyyy-MM-ddTHH:mm:ssZ}}"}""", V1Patch.PatchType.MergePatch);
            try
            {
                await client.CoreV1.PatchNamespacedEventAsync(patch, existing.Name, existing.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                _seen[key] = existing with { Count = count };
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                _seen.TryRemove(key, out _); // expired by the API server: create it afresh
            }
        }

        var name = $"{pending.Involved.Name}.{NameTicks():x}";
        var body = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Annotations = new Dictionary<string, string> { ["konghq.com/instance-id"] = _instanceId },
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = pending.Involved.ApiVersion,
                Kind = pending.Involved.Kind,
                Name = pending.Involved.Name,
                NamespaceProperty = pending.Involved.Namespace.Length > 0 ? pending.Involved.Namespace : null,
                Uid = pending.Involved.Uid,
            },
            Reason = pending.Reason,
            Message = pending.Message,
            Type = pending.Type,
            Count = 1,
            FirstTimestamp = pending.At,
            LastTimestamp = pending.At,
            Source = new V1EventSource { Component = _component },
            ReportingComponent = _component,
            ReportingInstance = _instanceId,
        };
        await client.CoreV1.CreateNamespacedEventAsync(body, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        _seen[key] = (name, ns, 1);
    }

    private sealed record PendingEvent(ObjectRef Involved, string Type, string Reason, string Message, DateTime At);
}
