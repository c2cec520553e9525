using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds;

/// <summary>configuration.konghq.com/v1beta1 TCPIngress (deprecated since KIC 3.5): stream routes by port and SNI.</summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1beta1", Kind = "TCPIngress", PluralName = "tcpingresses")]
public class TCPIngress : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1beta1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "TCPIngress";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public TCPIngressSpec? Spec { get; set; }
}

public class TCPIngressSpec
{
    [JsonPropertyName("rules")] public List<L4IngressRule>? Rules { get; set; }
    [JsonPropertyName("tls")] public List<TCPIngressTls>? Tls { get; set; }
}

public class TCPIngressTls
{
    [JsonPropertyName("hosts")] public List<string>? Hosts { get; set; }
    [JsonPropertyName("secretName")] public string? SecretName { get; set; }
}

/// <summary>configuration.konghq.com/v1beta1 UDPIngress (deprecated since KIC 3.5): UDP stream routes by port.</summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1beta1", Kind = "UDPIngress", PluralName = "udpingresses")]
public class UDPIngress : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1beta1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "UDPIngress";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public UDPIngressSpec? Spec { get; set; }
}

public class UDPIngressSpec
{
    [JsonPropertyName("rules")] public List<L4IngressRule>? Rules { get; set; }
}

/// <summary>One TCPIngress/UDPIngress rule; <c>host</c> is TCP only (SNI).</summary>
public class L4IngressRule
{
    [JsonPropertyName("host")] public string? Host { get; set; }
    [JsonPropertyName("port")] public int Port { get; set; }
    [JsonPropertyName("backend")] public L4IngressBackend? Backend { get; set; }
}

public class L4IngressBackend
{
    [JsonPropertyName("serviceName")] public string? ServiceName { get; set; }
    [JsonPropertyName("servicePort")] public int ServicePort { get; set; }
}
