using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds;

/// <summary>configuration.konghq.com/v1 KongConsumer (top-level fields, no spec).</summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1", Kind = "KongConsumer", PluralName = "kongconsumers")]
public class KongConsumer : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "KongConsumer";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("username")] public string? Username { get; set; }
    [JsonPropertyName("custom_id")] public string? CustomId { get; set; }
    [JsonPropertyName("credentials")] public List<string>? Credentials { get; set; }
    [JsonPropertyName("consumerGroups")] public List<string>? ConsumerGroups { get; set; }
}
