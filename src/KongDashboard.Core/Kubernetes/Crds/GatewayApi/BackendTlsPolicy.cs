using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds.GatewayApi;

/// <summary>
/// gateway.networking.k8s.io/v1alpha3 BackendTLSPolicy (the version KIC 3.5 watches, internal/gatewayapi/aliases.go):
/// how a gateway should verify TLS to the Services it targets.
/// </summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1alpha3", Kind = "BackendTLSPolicy", PluralName = "backendtlspolicies")]
public class BackendTlsPolicy : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1alpha3";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "BackendTLSPolicy";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public BackendTlsPolicySpec? Spec { get; set; }
}

public class BackendTlsPolicySpec
{
    [JsonPropertyName("targetRefs")] public List<PolicyTargetReference>? TargetRefs { get; set; }
    [JsonPropertyName("validation")] public BackendTlsPolicyValidation? Validation { get; set; }
    [JsonPropertyName("options")] public Dictionary<string, string>? Options { get; set; }
}

/// <summary>LocalPolicyTargetReferenceWithSectionName: an object in the policy's own namespace.</summary>
public class PolicyTargetReference
{
    [JsonPropertyName("group")] public string Group { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("sectionName")] public string? SectionName { get; set; }
}

public class BackendTlsPolicyValidation
{
    [JsonPropertyName("caCertificateRefs")] public List<LocalObjectReference>? CaCertificateRefs { get; set; }
    [JsonPropertyName("wellKnownCACertificates")] public string? WellKnownCaCertificates { get; set; }
    [JsonPropertyName("hostname")] public string Hostname { get; set; } = "";
}
