using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds;

/// <summary>configuration.konghq.com/v1beta1 KongUpstreamPolicy, referenced by konghq.com/upstream-policy on a Service.</summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1beta1", Kind = "KongUpstreamPolicy", PluralName = "kongupstreampolicies")]
public class KongUpstreamPolicy : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1beta1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "KongUpstreamPolicy";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Kept as JSON: the translator maps its camelCase fields onto Kong's snake_case upstream fields.</summary>
    [JsonPropertyName("spec")] public JsonObject? Spec { get; set; }
}

/// <summary>configuration.konghq.com/v1alpha1 IngressClassParameters, referenced by an IngressClass.</summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1alpha1", Kind = "IngressClassParameters", PluralName = "ingressclassparameterses")]
public class IngressClassParameters : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1alpha1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "IngressClassParameters";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public IngressClassParametersSpec? Spec { get; set; }
}

public class IngressClassParametersSpec
{
    [JsonPropertyName("serviceUpstream")] public bool ServiceUpstream { get; set; }
    [JsonPropertyName("enableLegacyRegexDetection")] public bool EnableLegacyRegexDetection { get; set; }
}
