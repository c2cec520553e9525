using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Seed;

/// <summary>
/// The seed in the DB-less sidecar topology, as <c>deploy/overlays/sidecar</c> makes it of the base: every kong-dashboard
/// pod gets a DB-less <c>kong</c> container (Admin API on the pod's loopback), the separate kong-gateway Deployment, its
/// HPA and the kong-admin Service are gone, and kong-proxy sends traffic to the dashboard pods.
/// </summary>
public static class SidecarTopology
{
    public const string KongContainer = "kong";

    /// <summary>The overlay's deletions: the gateways no longer run apart from the controllers.</summary>
    private static readonly HashSet<(string Kind, string Name)> Removed =
    [
        ("Deployment", "kong-gateway"),
        ("HorizontalPodAutoscaler", "kong-gateway"),
        ("Service", "kong-admin"),
    ];

    public static IReadOnlyList<JsonObject> Apply(IReadOnlyList<JsonObject> documents)
    {
        var result = new List<JsonObject>();
        foreach (var doc in documents)
        {
            var kind = doc["kind"]?.ToString() ?? "";
            var name = doc.Name() ?? "";
            if (doc.Namespace() == "kong" && Removed.Contains((kind, name)))
            {
                continue;
            }

            if (kind == "Deployment" && name == "kong-dashboard")
            {
                AddKongContainer(doc);
            }
            else if (kind == "Service" && name == "kong-proxy")
            {
                doc["spec"]!["selector"] = new JsonObject { ["app.kubernetes.io/name"] = "kong-dashboard" };
            }

            result.Add(doc);
        }

        return result;
    }

    /// <summary>Whether a pod runs Kong as a sidecar (what the fleet backs with an Admin API of its own).</summary>
    public static bool HasKongContainer(JsonObject pod) =>
        pod["spec"]?["containers"] is JsonArray containers
        && containers.Any(c => c?["name"]?.ToString() == KongContainer && c["image"]?.ToString()?.StartsWith("kong:", StringComparison.Ordinal) == true);

    // The container of deploy/overlays/sidecar/dashboard-with-kong.yaml, reduced to what the embedded cluster reads.
    private static void AddKongContainer(JsonObject deployment)
    {
        var containers = (JsonArray)deployment["spec"]!["template"]!["spec"]!["containers"]!;
        containers.Add(new JsonObject
        {
            ["name"] = KongContainer,
            ["image"] = "kong:3.9",
            ["env"] = new JsonArray(
                Env("KONG_DATABASE", "off"),
                Env("KONG_PROXY_LISTEN", "0.0.0.0:8000, 0.0.0.0:8443 ssl"),
                Env("KONG_ADMIN_LISTEN", "127.0.0.1:8001"),
                Env("KONG_STATUS_LISTEN", "0.0.0.0:8100")),
            ["ports"] = new JsonArray(
                new JsonObject { ["name"] = "proxy", ["containerPort"] = 8000, ["protocol"] = "TCP" },
                new JsonObject { ["name"] = "proxy-tls", ["containerPort"] = 8443, ["protocol"] = "TCP" },
                new JsonObject { ["name"] = "status", ["containerPort"] = 8100, ["protocol"] = "TCP" }),
            ["resources"] = new JsonObject
            {
                ["requests"] = new JsonObject { ["cpu"] = "250m", ["memory"] = "256Mi" },
                ["limits"] = new JsonObject { ["cpu"] = "1", ["memory"] = "1Gi" },
            },
        });
    }

    private static JsonObject Env(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
