using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds;

/// <summary>
/// configuration.konghq.com/v1alpha1 KongCustomEntity: an entity of a plugin-defined Kong type (e.g.
/// <c>degraphql_routes</c>), optionally attached to where a KongPlugin is attached.
/// </summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1alpha1", Kind = "KongCustomEntity", PluralName = "kongcustomentities")]
public class KongCustomEntity : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1alpha1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "KongCustomEntity";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public KongCustomEntitySpec? Spec { get; set; }
}

public class KongCustomEntitySpec
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("fields")] public JsonObject? Fields { get; set; }

    /// <summary>Matched against the controller's ingress class like the class annotation of other kinds.</summary>
    [JsonPropertyName("controllerName")] public string? ControllerName { get; set; }
    [JsonPropertyName("parentRef")] public KongCustomEntityParentRef? ParentRef { get; set; }
}

public class KongCustomEntityParentRef
{
    [JsonPropertyName("group")] public string? Group { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}
