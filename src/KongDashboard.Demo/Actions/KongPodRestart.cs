using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Controllers;
using KongDashboard.Hosting;

namespace KongDashboard.Actions;

/// <summary>
/// Demo chaos: asks the embedded cluster's simulated kubelet to restart a Kong gateway's container by annotating its
/// pod through the Kubernetes API, exactly as `kubectl annotate pod` does, so the page and kubectl share one path.
/// </summary>
internal static class KongPodRestart
{
    public static async Task<ActionOutcome> RequestAsync(ClusterRuntime runtime, string ns, string pod, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ns) || string.IsNullOrWhiteSpace(pod))
        {
            return new ActionOutcome(false, "This gateway has no pod to restart.");
        }

        // A new value each time: the kubelet acts once per value.
        var value = DateTimeOffset.UtcNow.ToString("yyyyMMddTHHmmss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var patch = new V1Patch(new V1Pod { Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string> { [KongContainerRestart.Annotation] = value } } },
            V1Patch.PatchType.MergePatch);
        using var client = runtime.CreateClient();
        try
        {
            await client.CoreV1.PatchNamespacedPodAsync(patch, pod, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ActionOutcome(true, $"Restarting the Kong container of pod {ns}/{pod} ({KongContainerRestart.Annotation}={value}); the controller re-pushes once it sees Kong empty.");
        }
        catch (HttpOperationException e)
        {
            return new ActionOutcome(false, $"Could not annotate pod {ns}/{pod}: {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}");
        }
    }
}
