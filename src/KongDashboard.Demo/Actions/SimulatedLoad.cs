using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Simulation;
using KongDashboard.Hosting;

namespace KongDashboard.Actions;

/// <summary>
/// Patches the simulation ConfigMap through the Kubernetes API (exactly what `kubectl edit` would do), so the change
/// is an ordinary, watchable cluster write rather than a back door into the embedded cluster.
/// </summary>
internal static class SimulatedLoad
{
    public const int Max = 5000;

    public static async Task<ActionOutcome> SetAsync(ControllerHost host, int requestsPerSecond, CancellationToken cancellationToken)
    {
        if (host.Embedded is null)
        {
            return new ActionOutcome(false, "The load simulation exists only in the embedded demo cluster.");
        }

        if (requestsPerSecond is < 0 or > Max)
        {
            return new ActionOutcome(false, $"Requests per second must be between 0 and {Max}.");
        }

        var ns = host.Instance?.Options.Autoscaling.Deployment?.Namespace ?? "kong";
        var patch = new V1Patch(new V1ConfigMap { Data = new Dictionary<string, string> { [LoadModel.RequestsPerSecondKey] = requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            V1Patch.PatchType.MergePatch);
        using var client = host.Runtime.CreateClient();
        try
        {
            await client.CoreV1.PatchNamespacedConfigMapAsync(patch, LoadModel.ConfigMapName, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ActionOutcome(true, $"Simulated load set to {requestsPerSecond} rps (ConfigMap {ns}/{LoadModel.ConfigMapName}).");
        }
        catch (HttpOperationException e)
        {
            return new ActionOutcome(false, $"Could not patch ConfigMap {ns}/{LoadModel.ConfigMapName}: {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}");
        }
    }
}
