using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds.GatewayApi;

/// <summary>
/// gateway.networking.k8s.io/v1beta1 ReferenceGrant: lets objects of the <c>from</c> kinds in another namespace refer
/// to objects of the <c>to</c> kinds in this one (Gateway API backendRefs and certificateRefs; KIC also uses it for
/// cross-namespace KongPlugin references).
/// </summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1beta1", Kind = "ReferenceGrant", PluralName = "referencegrants")]
public class ReferenceGrant : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1beta1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "ReferenceGrant";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public ReferenceGrantSpec? Spec { get; set; }
}

public class ReferenceGrantSpec
{
    [JsonPropertyName("from")] public List<ReferenceGrantFrom> From { get; set; } = [];
    [JsonPropertyName("to")] public List<ReferenceGrantTo> To { get; set; } = [];
}

public class ReferenceGrantFrom
{
    /// <summary>API group of the referring kind; "" is the core group.</summary>
    [JsonPropertyName("group")] public string Group { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("namespace")] public string Namespace { get; set; } = "";
}

public class ReferenceGrantTo
{
    [JsonPropertyName("group")] public string Group { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";

    /// <summary>When set, only this object; else every object of the kind in the namespace.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
}
