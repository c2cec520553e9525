using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds;

/// <summary>configuration.konghq.com/v1alpha1 KongVault (cluster-scoped): one Kong vault, identified by its prefix.</summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1alpha1", Kind = "KongVault", PluralName = "kongvaults")]
public class KongVault : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1alpha1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "KongVault";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public KongVaultSpec? Spec { get; set; }
}

public class KongVaultSpec
{
    [JsonPropertyName("backend")] public string? Backend { get; set; }
    [JsonPropertyName("prefix")] public string? Prefix { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }

    /// <summary>Free-form backend configuration; KIC requires a JSON object.</summary>
    [JsonPropertyName("config")] public JsonNode? Config { get; set; }
    [JsonPropertyName("controlPlaneRef")] public ControlPlaneRef? ControlPlaneRef { get; set; }
}
