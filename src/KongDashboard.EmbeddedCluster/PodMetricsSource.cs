using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster;

/// <summary>Container usage for one pod, in Kubernetes quantity strings ("250m", "128Mi").</summary>
public sealed record ContainerUsage(string Name, string Cpu, string Memory);

/// <summary>
/// In-process backing for the read-only metrics.k8s.io/v1beta1 PodMetrics API (what metrics-server would serve).
/// Empty until a simulation sets values.
/// </summary>
public sealed class PodMetricsSource
{
    private readonly ConcurrentDictionary<(string Namespace, string Pod), JsonObject> _items = new();

    public void Set(string ns, string pod, IEnumerable<ContainerUsage> containers, TimeSpan? window = null)
    {
        _items[(ns, pod)] = new JsonObject
        {
            ["kind"] = "PodMetrics",
            ["apiVersion"] = "metrics.k8s.io/v1beta1",
            ["metadata"] = new JsonObject
            {
                ["name"] = pod,
                ["namespace"] = ns,
                ["creationTimestamp"] = ObjectMeta.Timestamp(DateTimeOffset.UtcNow),
            },
            ["timestamp"] = ObjectMeta.Timestamp(DateTimeOffset.UtcNow),
            ["window"] = $"{(int)(window ?? TimeSpan.FromSeconds(15)).TotalSeconds}s",
            ["containers"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["usage"] = new JsonObject { ["cpu"] = c.Cpu, ["memory"] = c.Memory },
            }).ToArray()),
        };
    }

    public bool Remove(string ns, string pod) => _items.TryRemove((ns, pod), out _);

    public void Clear() => _items.Clear();

    public IReadOnlyList<JsonObject> List(string? ns) =>
        _items.Where(p => ns is null || p.Key.Namespace == ns)
            .OrderBy(p => p.Key.Namespace).ThenBy(p => p.Key.Pod)
            .Select(p => (JsonObject)p.Value.DeepClone())
            .ToList();

    public JsonObject? Get(string ns, string pod) => _items.TryGetValue((ns, pod), out var item) ? (JsonObject)item.DeepClone() : null;
}
