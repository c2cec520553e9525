using System.Collections.Immutable;
using System.Net;
using k8s;
using k8s.Autorest;
using KongDashboard.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Autoscaling;

/// <summary>
/// Reads metrics.k8s.io PodMetrics (what `kubectl top pods` shows). Clusters without metrics-server answer 404 or
/// 503: that is a normal state (Available=false with a plain reason), logged at Debug only.
/// </summary>
public sealed class PodMetricsReader(IKubernetes client, ILogger logger, TimeProvider? time = null)
{
    public async Task<PodMetricsState> ReadAsync(string? ns, CancellationToken cancellationToken)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        try
        {
            // The client's metrics extension methods take no CancellationToken; stop waiting on cancellation instead.
            var call = ns is null ? client.GetKubernetesPodsMetricsAsync() : client.GetKubernetesPodsMetricsByNamespaceAsync(ns);
            var list = await call.WaitAsync(cancellationToken).ConfigureAwait(false);
            var usage = (list.Items ?? []).ToImmutableDictionary(
                p => new ObjectKey(p.Metadata.NamespaceProperty ?? "", p.Metadata.Name ?? ""),
                p => new PodUsage(
                    p.Containers.Sum(c => c.Usage.TryGetValue("cpu", out var cpu) ? cpu.ToDecimal() : 0),
                    p.Containers.Sum(c => c.Usage.TryGetValue("memory", out var memory) ? memory.ToDecimal() : 0),
                    p.Timestamp is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null));
            return new PodMetricsState(true, null, now, usage);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable)
        {
            logger.LogDebug("metrics.k8s.io not available: {Status}", e.Response.StatusCode);
            return Unavailable($"metrics.k8s.io is not served (is metrics-server installed?): HTTP {(int)e.Response.StatusCode}", now);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden)
        {
            logger.LogDebug("metrics.k8s.io forbidden");
            return Unavailable("not allowed to read metrics.k8s.io pods (RBAC)", now);
        }
        catch (Exception e) when (e is HttpRequestException or HttpOperationException or TimeoutException)
        {
            logger.LogDebug(e, "metrics.k8s.io read failed");
            return Unavailable($"metrics.k8s.io read failed: {e.Message}", now);
        }
    }

    private static PodMetricsState Unavailable(string reason, DateTimeOffset at) => new(false, reason, at, ImmutableDictionary<ObjectKey, PodUsage>.Empty);
}
