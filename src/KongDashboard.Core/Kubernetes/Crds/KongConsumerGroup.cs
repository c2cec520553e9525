using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds;

/// <summary>
/// configuration.konghq.com/v1beta1 KongConsumerGroup. KIC names the Kong entity after <c>metadata.name</c>;
/// <c>spec.name</c> and <c>spec.tags</c> are read here only to be shown, never translated.
/// </summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1beta1", Kind = "KongConsumerGroup", PluralName = "kongconsumergroups")]
public class KongConsumerGroup : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1beta1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "KongConsumerGroup";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public KongConsumerGroupSpec? Spec { get; set; }
}

public class KongConsumerGroupSpec
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; set; }
    [JsonPropertyName("controlPlaneRef")] public ControlPlaneRef? ControlPlaneRef { get; set; }
}

/// <summary>Objects whose <c>type</c> is set to anything but <c>kic</c> belong to another control plane (Konnect).</summary>
public class ControlPlaneRef
{
    [JsonPropertyName("type")] public string? Type { get; set; }

    public static bool IsKic(ControlPlaneRef? reference) => string.IsNullOrEmpty(reference?.Type) || reference.Type == "kic";
}
