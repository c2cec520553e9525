using System.Reflection;
using System.Text.Json;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes.Crds;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KongDashboard.Core.Kubernetes;

/// <summary>A manifest problem that names where it is; never carries a stack trace to the user.</summary>
public sealed class ManifestException(string message) : Exception(message);

/// <summary>Objects read from manifests, plus warnings about objects that were read but are not used.</summary>
public sealed record ManifestLoadResult(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects, IReadOnlyList<string> Warnings)
{
    public ClusterSnapshot ToSnapshot(out List<string> warnings)
    {
        var snapshot = ClusterSnapshotBuilder.From(Objects, out var ignored);
        warnings = [.. Warnings];
        warnings.AddRange(ignored.Select(o => $"{o.Kind} {ObjectKey.Of(o.Metadata)}: kind is not used by the translator, ignored"));
        return snapshot;
    }
}

/// <summary>
/// Multi-document YAML (a file, a folder of *.yaml/*.yml, or text) → typed Kubernetes objects through
/// KubernetesClient's <see cref="KubernetesYaml"/>, with the Kong CRDs in the type map.
/// </summary>
public static class ManifestLoader
{
    private static readonly Dictionary<string, Type> TypeMap = BuildTypeMap();

    // Kinds KIC reads that this dashboard does not translate: accepted with a warning.
    private static readonly HashSet<string> KnownUnusedGroups = new(StringComparer.Ordinal)
    {
        "configuration.konghq.com", "gateway.networking.k8s.io", "incubator.ingress-controller.konghq.com", "konnect.konghq.com",
    };

    public static ManifestLoadResult LoadPaths(IEnumerable<string> paths)
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var warnings = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    LoadInto(ManifestLimits.ReadFile(file), file, objects, warnings);
                }
            }
            else if (File.Exists(path))
            {
                LoadInto(ManifestLimits.ReadFile(path), path, objects, warnings);
            }
            else
            {
                throw new ManifestException($"{path}: no such file or directory");
            }
        }
        return new ManifestLoadResult(objects, warnings);
    }

    public static ManifestLoadResult LoadText(string text, string source = "<stdin>")
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var warnings = new List<string>();
        LoadInto(text, source, objects, warnings);
        return new ManifestLoadResult(objects, warnings);
    }

    private static void LoadInto(string text, string source, List<IKubernetesObject<V1ObjectMeta>> objects, List<string> warnings)
    {
        ManifestLimits.Check(text, source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ManifestException($"{source}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {Inner(e).Message}");
        }
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" } || document.RootNode is null)
            {
                continue;
            }
            var line = document.RootNode.Start.Line;
            if (document.RootNode is not YamlMappingNode root)
            {
                throw new ManifestException($"{source}:{line}: a Kubernetes object must be a YAML mapping");
            }
            var apiVersion = Scalar(root, "apiVersion");
            var kind = Scalar(root, "kind");
            if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
            {
                throw new ManifestException($"{source}:{line}: object has no apiVersion or kind");
            }
            if (!TypeMap.TryGetValue($"{apiVersion}/{kind}", out var type))
            {
                var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
                if (KnownUnusedGroups.Contains(group))
                {
                    warnings.Add($"{source}:{line}: {kind} ({apiVersion}) is not used by the translator, ignored");
                    continue;
                }
                throw new ManifestException($"{source}:{line}: unknown kind \"{kind}\" (apiVersion \"{apiVersion}\")");
            }
            try
            {
                // Kong CRDs hold free-form JSON (plugin config, policy spec): read them through System.Text.Json.
                var obj = type.Assembly == typeof(KongPlugin).Assembly
                    ? (IKubernetesObject<V1ObjectMeta>)YamlToJson.Convert(root).Deserialize(type)!
                    : (IKubernetesObject<V1ObjectMeta>)KubernetesYaml.LoadAllFromString(Serialize(root), new Dictionary<string, Type> { [$"{apiVersion}/{kind}"] = type }).Single();
                obj.Metadata ??= new V1ObjectMeta();
                objects.Add(obj);
            }
            catch (Exception e) when (e is YamlException or FormatException or InvalidCastException or ArgumentException or System.Text.Json.JsonException)
            {
                var mark = e is YamlException y ? $" (document line {y.Start.Line})" : "";
                throw new ManifestException($"{source}:{line}: cannot read {kind}{mark}: {Inner(e).Message}");
            }
        }
    }

    private static Exception Inner(Exception e) => e.InnerException is { } inner && e.Message.StartsWith('(') ? inner : e;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;

    private static string Serialize(YamlNode node)
    {
        var doc = new YamlStream(new YamlDocument(node));
        var writer = new StringWriter();
        doc.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static Dictionary<string, Type> BuildTypeMap()
    {
        var map = new Dictionary<string, Type>(StringComparer.Ordinal);
        var types = typeof(V1Pod).Assembly.GetTypes().Concat(typeof(KongPlugin).Assembly.GetTypes());
        foreach (var type in types)
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is not { } attr || !typeof(IKubernetesObject<V1ObjectMeta>).IsAssignableFrom(type))
            {
                continue;
            }
            if (attr.Kind.EndsWith("List", StringComparison.Ordinal) && type.Name.EndsWith("List", StringComparison.Ordinal))
            {
                continue;
            }
            var apiVersion = string.IsNullOrEmpty(attr.Group) ? attr.ApiVersion : $"{attr.Group}/{attr.ApiVersion}";
            map[$"{apiVersion}/{attr.Kind}"] = type;
        }
        return map;
    }
}
