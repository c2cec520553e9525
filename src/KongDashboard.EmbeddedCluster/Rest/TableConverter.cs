using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>
/// Server-side printing: the meta.k8s.io/v1 Table that `kubectl get` asks for, with the columns the real server
/// prints for the kinds the dashboard cares about (NAME and AGE for everything else).
/// </summary>
internal static class TableConverter
{
    private sealed record Column(string Name, string Type, Func<JsonObject, JsonNode?> Cell, int Priority = 0, string Format = "");

    public static bool IsRequested(string? accept) => accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject ToTable(ResourceKind kind, IEnumerable<JsonObject> objects, string resourceVersion, bool includeObject, bool withColumns = true)
    {
        var columns = ColumnsFor(kind);
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = withColumns
                ? new JsonArray(columns.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["type"] = c.Type,
                    ["format"] = c.Format,
                    ["description"] = c.Name,
                    ["priority"] = c.Priority,
                }).ToArray())
                : new JsonArray(),
        };
        table["rows"] = new JsonArray(objects.Select(o => (JsonNode)new JsonObject
        {
            ["cells"] = new JsonArray(columns.Select(c => c.Cell(o)?.DeepClone()).ToArray()),
            ["object"] = includeObject ? o.DeepClone() : PartialMetadata(o),
        }).ToArray());
        return table;
    }

    private static JsonObject PartialMetadata(JsonObject o) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = o["metadata"]?.DeepClone(),
    };

    private static List<Column> ColumnsFor(ResourceKind kind)
    {
        var name = new Column("Name", "string", o => o.Name(), Format: "name");
        var age = new Column("Age", "string", o => Age(o.CreationTimestamp()));
        var specific = kind.Kind switch
        {
            "Ingress" => new List<Column>
            {
                new("Class", "string", o => Str(o, "spec", "ingressClassName") ?? (o.Annotations()?["kubernetes.io/ingress.class"]?.ToString() ?? "<none>")),
                new("Hosts", "string", o => Join(Arr(o, "spec", "rules").Select(r => r?["host"]?.ToString() ?? "*"), "*")),
                new("Address", "string", o => Join(Arr(o, "status", "loadBalancer", "ingress").Select(i => i?["ip"]?.ToString() ?? i?["hostname"]?.ToString()), "")),
                new("Ports", "string", o => Arr(o, "spec", "tls").Count > 0 ? "80, 443" : "80"),
            },
            "Pod" => new List<Column>
            {
                new("Ready", "string", o =>
                {
                    var statuses = Arr(o, "status", "containerStatuses");
                    var total = Arr(o, "spec", "containers").Count;
                    return $"{statuses.Count(s => s?["ready"].AsBool() == true)}/{total}";
                }),
                new("Status", "string", o => Str(o, "status", "phase") ?? "Pending"),
                new("Restarts", "integer", o => Arr(o, "status", "containerStatuses").Sum(s => s?["restartCount"].AsInt() ?? 0)),
                new("IP", "string", o => Str(o, "status", "podIP") ?? "<none>", 1),
                new("Node", "string", o => Str(o, "spec", "nodeName") ?? "<none>", 1),
            },
            "Service" => new List<Column>
            {
                new("Type", "string", o => Str(o, "spec", "type") ?? "ClusterIP"),
                new("Cluster-IP", "string", o => Str(o, "spec", "clusterIP") ?? "<none>"),
                new("External-IP", "string", o => Join(Arr(o, "status", "loadBalancer", "ingress").Select(i => i?["ip"]?.ToString()),
                    Str(o, "spec", "type") == "LoadBalancer" ? "<pending>" : "<none>")),
                new("Port(s)", "string", o => Join(Arr(o, "spec", "ports").Select(p =>
                    $"{p?["port"]}{(p?["nodePort"] is { } np ? ":" + np : "")}/{p?["protocol"]?.ToString() ?? "TCP"}"), "<none>")),
                new("Selector", "string", o => Join((o["spec"]?["selector"] as JsonObject ?? []).Select(p => $"{p.Key}={p.Value}"), "<none>"), 1),
            },
            "Deployment" => new List<Column>
            {
                new("Ready", "string", o => $"{Int(o, "status", "readyReplicas")}/{Int(o, "spec", "replicas")}"),
                new("Up-to-date", "integer", o => Int(o, "status", "updatedReplicas")),
                new("Available", "integer", o => Int(o, "status", "availableReplicas")),
            },
            "Lease" => new List<Column> { new("Holder", "string", o => Str(o, "spec", "holderIdentity") ?? "") },
            "Namespace" => new List<Column> { new("Status", "string", o => Str(o, "status", "phase") ?? "Active") },
            "Secret" => new List<Column>
            {
                new("Type", "string", o => o["type"]?.ToString() ?? "Opaque"),
                new("Data", "integer", o => (o["data"] as JsonObject)?.Count ?? 0),
            },
            "ConfigMap" => new List<Column> { new("Data", "integer", o => (o["data"] as JsonObject)?.Count ?? 0) },
            "EndpointSlice" => new List<Column>
            {
                new("AddressType", "string", o => o["addressType"]?.ToString()),
                new("Ports", "string", o => Join(Arr(o, "ports").Select(p => p?["port"]?.ToString()), "<unset>")),
                new("Endpoints", "string", o => Join(Arr(o, "endpoints").SelectMany(e => e?["addresses"] as JsonArray ?? []).Select(a => a?.ToString()), "<unset>")),
            },
            "Endpoints" => new List<Column>
            {
                new("Endpoints", "string", o => Join(Arr(o, "subsets").SelectMany(sub =>
                    (sub?["addresses"] as JsonArray ?? []).SelectMany(a => (sub?["ports"] as JsonArray ?? []).Select(p => $"{a?["ip"]}:{p?["port"]}"))), "<none>")),
            },
            "HorizontalPodAutoscaler" => new List<Column>
            {
                new("Reference", "string", o => $"{Str(o, "spec", "scaleTargetRef", "kind")}/{Str(o, "spec", "scaleTargetRef", "name")}"),
                new("Targets", "string", o => HpaTargets(o)),
                new("MinPods", "integer", o => o["spec"]?["minReplicas"].AsInt() ?? 1),
                new("MaxPods", "integer", o => Int(o, "spec", "maxReplicas")),
                new("Replicas", "integer", o => Int(o, "status", "currentReplicas")),
            },
            "IngressClass" => new List<Column>
            {
                new("Controller", "string", o => Str(o, "spec", "controller")),
                new("Parameters", "string", o => o["spec"]?["parameters"] is JsonObject p ? $"{p["kind"]}/{p["name"]}" : "<none>"),
            },
            "KongPlugin" or "KongClusterPlugin" => new List<Column>
            {
                new("Plugin-Type", "string", o => o["plugin"]?.ToString()),
                new("Programmed", "string", o => Arr(o, "status", "conditions").FirstOrDefault(c => c?["type"]?.ToString() == "Programmed")?["status"]?.ToString() ?? ""),
            },
            _ => [],
        };
        return [name, .. specific, age];
    }

    private static string HpaTargets(JsonObject o)
    {
        var target = Arr(o, "spec", "metrics").FirstOrDefault(m => m?["resource"]?["name"]?.ToString() == "cpu")?["resource"]?["target"]?["averageUtilization"];
        var current = Arr(o, "status", "currentMetrics").FirstOrDefault(m => m?["resource"]?["name"]?.ToString() == "cpu")?["resource"]?["current"]?["averageUtilization"];
        return target is null ? "<none>" : $"cpu: {current?.ToString() ?? "<unknown>"}%/{target}%";
    }

    /// <summary>kubectl's HumanDuration.</summary>
    public static string Age(DateTimeOffset? created)
    {
        if (created is null)
        {
            return "<unknown>";
        }

        var d = DateTimeOffset.UtcNow - created.Value;
        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        return d.TotalSeconds < 120 ? $"{(int)d.TotalSeconds}s"
            : d.TotalMinutes < 10 ? $"{(int)d.TotalMinutes}m{d.Seconds}s"
            : d.TotalHours < 3 ? $"{(int)d.TotalMinutes}m"
            : d.TotalHours < 8 ? $"{(int)d.TotalHours}h{d.Minutes}m"
            : d.TotalHours < 48 ? $"{(int)d.TotalHours}h"
            : d.TotalDays < 8 ? $"{(int)d.TotalDays}d{d.Hours}h"
            : $"{(int)d.TotalDays}d";
    }

    private static string? Str(JsonObject o, params string[] path)
    {
        JsonNode? node = o;
        foreach (var p in path)
        {
            node = (node as JsonObject)?[p];
        }

        return node?.ToString();
    }

    private static int Int(JsonObject o, params string[] path) => int.TryParse(Str(o, path), out var i) ? i : 0;

    private static JsonArray Arr(JsonObject o, params string[] path)
    {
        JsonNode? node = o;
        foreach (var p in path)
        {
            node = (node as JsonObject)?[p];
        }

        return node as JsonArray ?? [];
    }

    private static string Join(IEnumerable<string?> values, string empty)
    {
        var list = values.Where(v => !string.IsNullOrEmpty(v)).ToList();
        return list.Count == 0 ? empty : string.Join(",", list);
    }
}
