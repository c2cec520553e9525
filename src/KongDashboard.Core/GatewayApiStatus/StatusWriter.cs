using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>
/// Writes the Gateway API statuses that differ from the observed ones, as KIC's controllers do, only while
/// <c>mayWrite</c> holds (the leader; never an Observer). Each status is a JSON merge patch on the <c>status</c>
/// subresource (arrays such as <c>parents</c> are replaced whole); the publish-service annotation is a merge patch on
/// the object. After a failed write the next pass waits for a capped back-off.
/// </summary>
public sealed class StatusWriter(IKubernetes client, Func<bool> mayWrite, TimeProvider time, ILogger<StatusWriter> logger)
{
    private readonly Backoff _backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    /// <summary>Writes what differs; returns the number of objects written (0 when not allowed or backing off).</summary>
    public async Task<int> WriteAsync(ClusterSnapshot snapshot, StatusSettings settings, CancellationToken ct)
    {
        if (!mayWrite() || time.GetUtcNow() < _notBefore)
        {
            return 0;
        }
        // Whole seconds: metav1.Time has no fraction, so a re-read condition compares equal.
        var now = time.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var written = 0;
        foreach (var update in DesiredStatuses.Compute(snapshot, settings, now))
        {
            try
            {
                await PatchAsync(update, ct);
                written++;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
            {
                // Deleted or changed meanwhile: the watch brings the new state and the next pass recomputes.
                logger.LogDebug("Status of {Object} not written: {Status}", update, e.Response.StatusCode);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException)
            {
                _notBefore = time.GetUtcNow() + _backoff.Next();
                logger.LogWarning(e, "Writing the status of {Object} failed; retrying after {NotBefore}", update, _notBefore);
                return written;
            }
        }
        _backoff.Reset();
        return written;
    }

    private Task PatchAsync(StatusUpdate update, CancellationToken ct)
    {
        var (group, version) = SplitApiVersion(update.Object.ApiVersion);
        var plural = update.Resource;
        var ns = update.Object.Metadata.NamespaceProperty;
        var name = update.Object.Metadata.Name;
        if (update.Status is null)
        {
            var annotate = new V1Patch(KubernetesJson.Serialize(new Dictionary<string, object>
            {
                ["metadata"] = new Dictionary<string, object>
                {
                    ["annotations"] = new Dictionary<string, string> { [GatewayStatuses.PublishServiceAnnotation] = update.PublishService! },
                },
            }), V1Patch.PatchType.MergePatch);
            // ApiGrants: patch gateways (the publish-service annotation of unmanaged Gateways).
            return client.CustomObjects.PatchNamespacedCustomObjectAsync(annotate, group, version, ns, plural, name, cancellationToken: ct);
        }
        var body = new V1Patch(KubernetesJson.Serialize(new Dictionary<string, object> { ["status"] = update.Status }), V1Patch.PatchType.MergePatch);
        // ApiGrants: patch gatewayclasses/status, gateways/status, httproutes/status, grpcroutes/status, tcproutes/status, udproutes/status, tlsroutes/status.
        return string.IsNullOrEmpty(ns)
            ? client.CustomObjects.PatchClusterCustomObjectStatusAsync(body, group, version, plural, name, cancellationToken: ct)
            : client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(body, group, version, ns, plural, name, cancellationToken: ct);
    }

    private static (string Group, string Version) SplitApiVersion(string apiVersion) =>
        apiVersion.LastIndexOf('/') is var slash and > 0 ? (apiVersion[..slash], apiVersion[(slash + 1)..]) : ("", apiVersion);
}
