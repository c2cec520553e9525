using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds;

/// <summary>
/// configuration.konghq.com/v1 KongIngress (deprecated). Only <c>upstream</c> still has an effect in KIC 3.x, through
/// <c>konghq.com/override</c> on a Service; <c>proxy</c> and <c>route</c> are kept to warn about them.
/// </summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1", Kind = "KongIngress", PluralName = "kongingresses")]
public class KongIngress : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "KongIngress";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Kong upstream fields in Kong's own (snake_case) names.</summary>
    [JsonPropertyName("upstream")] public JsonObject? Upstream { get; set; }
    [JsonPropertyName("proxy")] public JsonObject? Proxy { get; set; }
    [JsonPropertyName("route")] public JsonObject? Route { get; set; }
}
