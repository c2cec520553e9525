using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kubernetes.Crds.GatewayApi;

/// <summary>A TCPRoute, UDPRoute or TLSRoute rule (v1alpha2): an optional name and its backends.</summary>
public class L4RouteRule
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("backendRefs")] public List<BackendRef>? BackendRefs { get; set; }
}
