using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>
/// KongPlugin/KongClusterPlugin → Kong plugin instances (kongstate/kongstate.go: getPluginRelations, buildPlugins;
/// kongstate/plugin.go: kongPluginFromK8SPlugin).
/// </summary>
internal sealed class PluginBuilder(ClusterSnapshot snapshot)
{
    // Plugin object key ("ns:name" for KongPlugin, "name" for KongClusterPlugin) → object + relations, in first-seen order.
    private readonly Dictionary<string, (KongPlugin Plugin, PluginRelations Relations)> _plugins = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    // "<plugin namespace>:<name>" as referenced (whether or not it exists) → what refers to it; KongCustomEntity parentRefs
    // look their attachments up here (KIC kongstate.go: getPluginRelatedEntitiesRef).
    private readonly Dictionary<string, PluginRelations> _byReference = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, PluginRelations> RelationsByReference => _byReference;

    /// <summary>Resolves the <c>konghq.com/plugins</c> references of one referrer and records the relation.</summary>
    public void Attach(IReadOnlyList<(string? Namespace, string Name)> refs, string referrerNamespace, ObjectRef referrer,
        Action<PluginRelations> relate, List<TranslationFailure> failures)
    {
        foreach (var (ns, name) in refs)
        {
            // Remote (explicit namespace) references need a ReferenceGrant, see KongCrds.PluginGrants.
            if (ns is not null && !KongCrds.PluginGrants.Allowed(snapshot, referrer, ns, name))
            {
                failures.Add(new TranslationFailure(KongCrds.PluginGrants.NoGrantMessage(ns, name), [referrer]));
                continue;
            }
            var pluginNs = ns ?? referrerNamespace;
            if (!_byReference.TryGetValue(pluginNs + ":" + name, out var referenced))
            {
                _byReference[pluginNs + ":" + name] = referenced = new PluginRelations();
            }
            relate(referenced);
            string key;
            KongPlugin? plugin = snapshot.KongPlugins.Get(pluginNs, name);
            if (plugin is not null)
            {
                key = pluginNs + ":" + name;
            }
            else
            {
                plugin = snapshot.KongClusterPlugins.Get("", name);
                key = name;
            }
            if (plugin is null)
            {
                failures.Add(new TranslationFailure($"referenced KongPlugin or KongClusterPlugin \"{name}\" does not exist", [referrer]));
                continue;
            }
            if (!_plugins.TryGetValue(key, out var entry))
            {
                entry = (plugin, new PluginRelations());
                _plugins[key] = entry;
                _order.Add(key);
            }
            relate(entry.Relations);
        }
    }

    public List<KongPluginEntity> Build(bool fillIds, List<TranslationFailure> failures)
    {
        var result = new List<KongPluginEntity>();
        foreach (var key in _order)
        {
            var (plugin, relations) = _plugins[key];
            var template = Template(plugin, snapshot, failures);
            if (template is null)
            {
                continue;
            }
            foreach (var rel in relations.Combinations())
            {
                result.Add(Instance(template, plugin, rel, fillIds));
            }
        }
        return result;
    }

    /// <summary>Global plugins: KongClusterPlugins labelled <c>global: "true"</c>; duplicate names are all dropped.</summary>
    public static List<KongPluginEntity> Globals(ClusterSnapshot snapshot, Func<IDictionary<string, string>?, bool> classMatches, bool fillIds, List<TranslationFailure> failures)
    {
        var candidates = snapshot.KongClusterPlugins
            .Where(p => p.Metadata.Labels is not null && p.Metadata.Labels.TryGetValue("global", out var g) && g == "true")
            .Where(p => classMatches(p.Metadata.Annotations))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        var result = new List<KongPluginEntity>();
        foreach (var group in candidates.GroupBy(p => p.PluginName ?? ""))
        {
            if (group.Count() > 1)
            {
                failures.Add(new TranslationFailure(
                    $"multiple KongClusterPlugins with same plugin name \"{group.Key}\" are configured as global", [.. group.Select(ObjectRefs.Of)]));
                continue;
            }
            var plugin = group.First();
            if (Template(plugin, snapshot, failures) is { } template)
            {
                result.Add(Instance(template, plugin, default, fillIds));
            }
        }
        return result;
    }

    private static KongPluginEntity Instance(KongPluginEntity template, KongPlugin plugin, PluginRelations.Rel rel, bool fillIds)
    {
        string? instanceName = null;
        if (!string.IsNullOrEmpty(plugin.InstanceName))
        {
            // Unique per attachment: <instance_name>-<first 9 hex of sha256 of the relation>.
            var relKey = new StringBuilder();
            if (rel.Service is not null)
            {
                relKey.Append("_service-").Append(rel.Service);
            }

            if (rel.Route is not null)
            {
                relKey.Append("_route-").Append(rel.Route);
            }

            if (rel.Consumer is not null)
            {
                relKey.Append("_consumer-").Append(rel.Consumer);
            }

            if (rel.ConsumerGroup is not null)
            {
                relKey.Append("_group-").Append(rel.ConsumerGroup);
            }

            instanceName = relKey.Length == 0 ? plugin.InstanceName
                : plugin.InstanceName + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(relKey.ToString())))[..9];
        }
        return template with
        {
            Id = fillIds ? KongIds.Plugin(template.Name ?? "", rel.Service, rel.Route, rel.Consumer, rel.ConsumerGroup) : null,
            InstanceName = instanceName,
            Service = rel.Service,
            Route = rel.Route,
            Consumer = rel.Consumer,
            ConsumerGroup = rel.ConsumerGroup,
            Config = template.Config?.DeepClone() as JsonObject,
        };
    }

    /// <summary>The plugin's own fields; null (with a failure) when its configuration cannot be resolved.</summary>
    private static KongPluginEntity? Template(KongPlugin plugin, ClusterSnapshot snapshot, List<TranslationFailure> failures)
    {
        var self = ObjectRefs.Of(plugin);
        var isCluster = plugin is KongClusterPlugin;
        var what = isCluster ? $"KongClusterPlugin {plugin.Metadata.Name}" : $"KongPlugin {plugin.Metadata.NamespaceProperty}/{plugin.Metadata.Name}";
        JsonObject? config = plugin.Config?.DeepClone() as JsonObject;
        if (plugin.ConfigFrom?.SecretKeyRef is { } secretRef)
        {
            if (plugin.Config is { Count: > 0 })
            {
                failures.Add(new TranslationFailure($"could not parse {what} config: use either config or configFrom, not both", [self]));
                return null;
            }
            var ns = isCluster ? secretRef.Namespace ?? "" : plugin.Metadata.NamespaceProperty ?? "";
            var secret = snapshot.Secrets.Get(ns, secretRef.Name ?? "");
            var raw = secret is null ? null : SecretData.Get(secret, secretRef.Key ?? "");
            if (raw is null)
            {
                failures.Add(new TranslationFailure(
                    $"could not parse {what} config: error fetching plugin configuration secret {ns}/{secretRef.Name} key {secretRef.Key}", [self]));
                return null;
            }
            config = ParseObject(raw);
            if (config is null)
            {
                failures.Add(new TranslationFailure($"could not parse {what} config: secret value is not a JSON or YAML object", [self]));
                return null;
            }
        }
        foreach (var patch in plugin.ConfigPatches ?? [])
        {
            var secretRef2 = patch.ValueFrom?.SecretKeyRef;
            var ns = isCluster ? secretRef2?.Namespace ?? "" : plugin.Metadata.NamespaceProperty ?? "";
            var secret = secretRef2 is null ? null : snapshot.Secrets.Get(ns, secretRef2.Name ?? "");
            var raw = secret is null ? null : SecretData.Get(secret, secretRef2!.Key ?? "");
            if (raw is null || string.IsNullOrEmpty(patch.Path))
            {
                failures.Add(new TranslationFailure($"could not parse {what} config: failed to apply configPatches", [self]));
                return null;
            }
            config ??= [];
            ApplyPatch(config, patch.Path, ParseValue(raw));
        }
        return new KongPluginEntity
        {
            Name = plugin.PluginName,
            Config = config,
            Enabled = plugin.Disabled ? false : null,
            Protocols = plugin.Protocols is { Count: > 0 } protocols ? protocols : null,
            RunOn = plugin.RunOn,
            Ordering = plugin.Ordering?.DeepClone() as JsonObject,
            Tags = KubernetesTags.For(plugin),
        };
    }

    private static JsonObject? ParseObject(string raw) => ParseValue(raw) as JsonObject;

    private static JsonNode? ParseValue(string raw)
    {
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            try
            {
                var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object>(raw);
                var json = new YamlDotNet.Serialization.SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
                return JsonNode.Parse(json);
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or JsonException)
            {
                return JsonValue.Create(raw);
            }
        }
    }

    // JSON Patch "add" at a /-separated path.
    private static void ApplyPatch(JsonObject config, string path, JsonNode? value)
    {
        var parts = path.TrimStart('/').Split('/');
        JsonObject current = config;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not JsonObject next)
            {
                next = [];
                current[parts[i]] = next;
            }
            current = next;
        }
        current[parts[^1]] = value;
    }
}
