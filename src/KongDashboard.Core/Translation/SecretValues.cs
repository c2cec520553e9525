using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation;

/// <summary>
/// The strings translation can copy from Secrets into a configuration: the values behind plugin
/// <c>configFrom</c>/<c>configPatches</c> (each scalar of a parsed object, and the raw text), credential secret
/// fields of KongConsumers' Secrets, and TLS private keys. Read from the snapshot beside translation, so the builders
/// need not know about redaction.
/// </summary>
public static class SecretValues
{
    public static IReadOnlySet<string> Collect(ClusterSnapshot snapshot)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in snapshot.KongPlugins.Cast<KongPlugin>().Concat(snapshot.KongClusterPlugins))
        {
            var isCluster = plugin is KongClusterPlugin;
            var refs = (plugin.ConfigPatches ?? []).Select(p => p.ValueFrom?.SecretKeyRef).Append(plugin.ConfigFrom?.SecretKeyRef);
            foreach (var secretRef in refs.OfType<SecretKeyRef>())
            {
                var ns = isCluster ? secretRef.Namespace ?? "" : plugin.Metadata.NamespaceProperty ?? "";
                if (snapshot.Secrets.Get(ns, secretRef.Name ?? "") is { } secret && SecretData.Get(secret, secretRef.Key ?? "") is { } raw)
                {
                    AddWithScalars(values, raw);
                }
            }
        }

        foreach (var consumer in snapshot.KongConsumers)
        {
            foreach (var name in consumer.Credentials ?? [])
            {
                if (snapshot.Secrets.Get(consumer.Metadata.NamespaceProperty ?? "", name) is { } secret)
                {
                    values.UnionWith(SecretData.All(secret).Where(p => CredentialTypes.SecretFields.Contains(p.Key)).Select(p => p.Value));
                }
            }
        }

        foreach (var secret in snapshot.Secrets)
        {
            if (SecretData.Get(secret, "tls.key") is { } key)
            {
                values.Add(key);
            }
        }

        values.Remove("");
        return values;
    }

    private static void AddWithScalars(HashSet<string> values, string raw)
    {
        values.Add(raw);
        values.Add(raw.Trim());
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            node = YamlScalars(raw);
        }

        AddScalars(values, node);
    }

    private static void AddScalars(HashSet<string> values, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    AddScalars(values, child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    AddScalars(values, child);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                values.Add(v.GetValue<string>());
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                values.Add(v.ToJsonString());
                break;
        }
    }

    // The same reading as the plugin builder's (YAML when the value is not JSON), just to find the scalars.
    private static JsonNode? YamlScalars(string raw)
    {
        try
        {
            var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object>(raw);
            return JsonNode.Parse(new YamlDotNet.Serialization.SerializerBuilder().JsonCompatible().Build().Serialize(yaml));
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or JsonException)
        {
            return null;
        }
    }
}
