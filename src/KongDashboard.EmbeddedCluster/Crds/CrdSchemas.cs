using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Crds;

/// <summary>
/// The <c>openAPIV3Schema</c> of each CRD version embedded next to this class (KIC 3.5's CRDs, see README.md), by
/// group, version and kind: what a real API server publishes for a custom resource and prunes/validates it against.
/// </summary>
internal static class CrdSchemas
{
    private const string Prefix = "KongDashboard.EmbeddedCluster.Crds.";

    private static readonly Lazy<Dictionary<(string Group, string Version, string Kind), JsonObject>> Schemas = new(Load);

    public static JsonObject? For(ResourceKind kind) => Schemas.Value.GetValueOrDefault((kind.Group, kind.Version, kind.Kind));

    /// <summary>Every (group, version, kind) with a schema.</summary>
    public static IReadOnlyCollection<(string Group, string Version, string Kind)> All => Schemas.Value.Keys;

    private static Dictionary<(string, string, string), JsonObject> Load()
    {
        var assembly = typeof(CrdSchemas).Assembly;
        var result = new Dictionary<(string, string, string), JsonObject>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            foreach (var crd in Core.Kubernetes.YamlToJson.ParseDocuments(reader.ReadToEnd()))
            {
                var spec = crd["spec"] as JsonObject
                    ?? throw new InvalidOperationException($"{name}: a CustomResourceDefinition without spec");
                var group = spec["group"]!.GetValue<string>();
                var kind = spec["names"]!["kind"]!.GetValue<string>();
                foreach (var version in spec["versions"]!.AsArray().OfType<JsonObject>())
                {
                    if (version["schema"]?["openAPIV3Schema"] is JsonObject schema)
                    {
                        result[(group, version["name"]!.GetValue<string>(), kind)] = schema;
                    }
                }
            }
        }
        return result;
    }
}
