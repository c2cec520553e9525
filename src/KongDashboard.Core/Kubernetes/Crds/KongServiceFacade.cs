using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds;

/// <summary>
/// incubator.ingress-controller.konghq.com/v1alpha1 KongServiceFacade: a Kong service of its own in front of a
/// Kubernetes Service of its namespace, used as an Ingress <c>resource</c> backend (feature gate KongServiceFacade).
/// </summary>
[KubernetesEntity(Group = "incubator.ingress-controller.konghq.com", ApiVersion = "v1alpha1", Kind = "KongServiceFacade", PluralName = "kongservicefacades")]
public class KongServiceFacade : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "incubator.ingress-controller.konghq.com";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "incubator.ingress-controller.konghq.com/v1alpha1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "KongServiceFacade";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public KongServiceFacadeSpec? Spec { get; set; }
}

public class KongServiceFacadeSpec
{
    [JsonPropertyName("backendRef")] public KongServiceFacadeBackend? BackendRef { get; set; }
}

public class KongServiceFacadeBackend
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("port")] public int Port { get; set; }
}
