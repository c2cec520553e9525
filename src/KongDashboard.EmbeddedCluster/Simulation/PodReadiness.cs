using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Simulation;

internal static class PodReadiness
{
    /// <summary>Running, Ready and not being deleted: the pods that take traffic and count for the HPA.</summary>
    public static bool IsReady(JsonObject pod) =>
        pod["metadata"]?["deletionTimestamp"] is null
        && pod["status"]?["phase"]?.ToString() == "Running"
        && (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => c["type"]?.ToString() == "Ready" && c["status"]?.ToString() == "True");

    /// <summary>matchLabels only: the simulated Deployments never use matchExpressions.</summary>
    public static bool Matches(JsonObject pod, JsonObject? matchLabels) =>
        matchLabels is not null && matchLabels.All(l => pod.Labels()?[l.Key]?.ToString() == l.Value?.ToString());
}
