using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds;

/// <summary>configuration.konghq.com/v1 KongPlugin. Unlike most kinds its fields sit at the top level, not under spec.</summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1", Kind = "KongPlugin", PluralName = "kongplugins")]
public class KongPlugin : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "configuration.konghq.com/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "KongPlugin";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("plugin")] public string? PluginName { get; set; }
    [JsonPropertyName("config")] public JsonObject? Config { get; set; }
    [JsonPropertyName("configFrom")] public ConfigSource? ConfigFrom { get; set; }
    [JsonPropertyName("configPatches")] public List<ConfigPatch>? ConfigPatches { get; set; }
    [JsonPropertyName("disabled")] public bool Disabled { get; set; }
    [JsonPropertyName("instance_name")] public string? InstanceName { get; set; }
    [JsonPropertyName("ordering")] public JsonObject? Ordering { get; set; }
    [JsonPropertyName("protocols")] public List<string>? Protocols { get; set; }
    [JsonPropertyName("run_on")] public string? RunOn { get; set; }
    [JsonPropertyName("consumerRef")] public string? ConsumerRef { get; set; }
}

/// <summary>configuration.konghq.com/v1 KongClusterPlugin: a cluster-scoped KongPlugin.</summary>
[KubernetesEntity(Group = "configuration.konghq.com", ApiVersion = "v1", Kind = "KongClusterPlugin", PluralName = "kongclusterplugins")]
public class KongClusterPlugin : KongPlugin
{
    public KongClusterPlugin()
    {
        Kind = "KongClusterPlugin";
    }
}

public class ConfigSource
{
    [JsonPropertyName("secretKeyRef")] public SecretKeyRef? SecretKeyRef { get; set; }
}

public class SecretKeyRef
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("key")] public string? Key { get; set; }
}

public class ConfigPatch
{
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("valueFrom")] public ConfigSource? ValueFrom { get; set; }
}
