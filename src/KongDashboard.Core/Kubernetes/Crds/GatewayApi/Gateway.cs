using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 Gateway: listeners (protocol, port, hostname, TLS) routes attach to.</summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1", Kind = "Gateway", PluralName = "gateways")]
public class Gateway : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "Gateway";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public GatewaySpec? Spec { get; set; }
    [JsonPropertyName("status")] public GatewayStatus? Status { get; set; }
}

public class GatewaySpec
{
    [JsonPropertyName("gatewayClassName")] public string GatewayClassName { get; set; } = "";
    [JsonPropertyName("listeners")] public List<Listener>? Listeners { get; set; }
    [JsonPropertyName("addresses")] public List<GatewayAddress>? Addresses { get; set; }
}

public class Listener
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("hostname")] public string? Hostname { get; set; }
    [JsonPropertyName("port")] public int Port { get; set; }

    /// <summary>HTTP, HTTPS, TLS, TCP or UDP (or an implementation-specific value).</summary>
    [JsonPropertyName("protocol")] public string Protocol { get; set; } = "";
    [JsonPropertyName("tls")] public GatewayTlsConfig? Tls { get; set; }
    [JsonPropertyName("allowedRoutes")] public AllowedRoutes? AllowedRoutes { get; set; }
}

public class GatewayTlsConfig
{
    /// <summary>Terminate or Passthrough.</summary>
    [JsonPropertyName("mode")] public string? Mode { get; set; }
    [JsonPropertyName("certificateRefs")] public List<SecretObjectReference>? CertificateRefs { get; set; }
    [JsonPropertyName("options")] public Dictionary<string, string>? Options { get; set; }
}

public class AllowedRoutes
{
    [JsonPropertyName("namespaces")] public RouteNamespaces? Namespaces { get; set; }
    [JsonPropertyName("kinds")] public List<RouteGroupKind>? Kinds { get; set; }
}

public class RouteNamespaces
{
    /// <summary>All, Same or Selector.</summary>
    [JsonPropertyName("from")] public string? From { get; set; }
    [JsonPropertyName("selector")] public V1LabelSelector? Selector { get; set; }
}

public class GatewayAddress
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("value")] public string Value { get; set; } = "";
}

public class GatewayStatus
{
    [JsonPropertyName("addresses")] public List<GatewayAddress>? Addresses { get; set; }
    [JsonPropertyName("conditions")] public List<V1Condition>? Conditions { get; set; }
    [JsonPropertyName("listeners")] public List<ListenerStatus>? Listeners { get; set; }
}

public class ListenerStatus
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("supportedKinds")] public List<RouteGroupKind>? SupportedKinds { get; set; }
    [JsonPropertyName("attachedRoutes")] public int AttachedRoutes { get; set; }
    [JsonPropertyName("conditions")] public List<V1Condition>? Conditions { get; set; }
}
