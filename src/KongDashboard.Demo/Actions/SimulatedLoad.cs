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

    public static async Task<ActionOutcome> SetAsync(ClusterRuntime runtime, int requestsPerSecond, CancellationToken cancellationToken)
    {
        if (requestsPerSecond is < 0 or > Max)
        {
            return new ActionOutcome(false, $"Requests per second must be between 0 and {Max}.");
        }

        var ns = EmbeddedReplicas.Namespace;
        var patch = new V1Patch(new V1ConfigMap { Data = new Dictionary<string, string> { [LoadModel.RequestsPerSecondKey] = requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            V1Patch.PatchType.MergePatch);
        using var client = runtime.CreateClient();
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
