using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 GRPCRoute.</summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1", Kind = "GRPCRoute", PluralName = "grpcroutes")]
public class GrpcRoute : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "GRPCRoute";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public GrpcRouteSpec? Spec { get; set; }
    [JsonPropertyName("status")] public RouteStatus? Status { get; set; }
}

public class GrpcRouteSpec : CommonRouteSpec
{
    [JsonPropertyName("hostnames")] public List<string>? Hostnames { get; set; }
    [JsonPropertyName("rules")] public List<GrpcRouteRule>? Rules { get; set; }
}

public class GrpcRouteRule
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("matches")] public List<GrpcRouteMatch>? Matches { get; set; }
    [JsonPropertyName("filters")] public List<HttpRouteFilter>? Filters { get; set; }
    [JsonPropertyName("backendRefs")] public List<BackendRef>? BackendRefs { get; set; }
}

public class GrpcRouteMatch
{
    [JsonPropertyName("method")] public GrpcMethodMatch? Method { get; set; }
    [JsonPropertyName("headers")] public List<HttpHeaderMatch>? Headers { get; set; }
}

public class GrpcMethodMatch
{
    /// <summary>Exact or RegularExpression (CRD default Exact).</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("service")] public string? Service { get; set; }
    [JsonPropertyName("method")] public string? Method { get; set; }
}
