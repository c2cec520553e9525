using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1alpha2 TCPRoute.</summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1alpha2", Kind = "TCPRoute", PluralName = "tcproutes")]
public class TcpRoute : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1alpha2";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "TCPRoute";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public TcpRouteSpec? Spec { get; set; }
    [JsonPropertyName("status")] public RouteStatus? Status { get; set; }
}

public class TcpRouteSpec : CommonRouteSpec
{
    [JsonPropertyName("rules")] public List<L4RouteRule>? Rules { get; set; }
}
