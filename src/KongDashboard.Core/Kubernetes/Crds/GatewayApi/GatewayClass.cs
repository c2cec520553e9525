using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 GatewayClass: which controller implements Gateways of this class.</summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1", Kind = "GatewayClass", PluralName = "gatewayclasses")]
public class GatewayClass : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "GatewayClass";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public GatewayClassSpec? Spec { get; set; }
    [JsonPropertyName("status")] public GatewayClassStatus? Status { get; set; }
}

public class GatewayClassSpec
{
    [JsonPropertyName("controllerName")] public string ControllerName { get; set; } = "";
    [JsonPropertyName("parametersRef")] public ParametersReference? ParametersRef { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
}

public class ParametersReference
{
    [JsonPropertyName("group")] public string Group { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
}

public class GatewayClassStatus
{
    [JsonPropertyName("conditions")] public List<V1Condition>? Conditions { get; set; }
}
