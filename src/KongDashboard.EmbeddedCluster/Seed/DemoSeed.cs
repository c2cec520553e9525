using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Seed;

/// <summary>
/// Loads the demo cluster from the YAML files embedded next to this class (Seed/*.yaml, applied in file-name order).
/// The same files work with `kubectl apply -f src/KongDashboard.EmbeddedCluster/Seed/`.
/// </summary>
public static class DemoSeed
{
    public static IReadOnlyList<JsonObject> Documents()
    {
        var assembly = typeof(DemoSeed).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("KongDashboard.EmbeddedCluster.Seed.", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return KongDashboard.Core.Kubernetes.YamlToJson.ParseDocuments(reader.ReadToEnd());
            })
            .ToList();
    }

    /// <param name="sidecar">Load it in the DB-less sidecar topology (<see cref="SidecarTopology"/>).</param>
    public static void Load(ResourceStore store, bool sidecar = false)
    {
        foreach (var doc in sidecar ? SidecarTopology.Apply(Documents()) : Documents())
        {
            var kind = store.Kinds.FindByApiVersion(doc["apiVersion"]?.ToString() ?? "", doc["kind"]?.ToString() ?? "")
                ?? throw new InvalidOperationException($"Seed document of unknown kind {doc["apiVersion"]}/{doc["kind"]}");
            store.Create(kind.Kind, doc.Namespace(), doc);
        }
    }
}

/// <summary>What every cluster has before anything is applied.</summary>
internal static class ClusterBootstrap
{
    public static void CreateSystemNamespaces(ResourceStore store) =>
        store.Create("Namespace", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } });
}
