using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds. The real server takes merge keys from the Go struct tags; we key them
/// by field name, which is correct for every list field the dashboard's kinds use. Lists without a merge key are
/// replaced, as the real server does. Directives: $patch (replace|delete|merge), $setElementOrder/…, $retainKeys,
/// $deleteFromPrimitiveList/….
/// </summary>
public static class StrategicMergePatch
{
    private const string PortsKey = "<ports>";

    private static readonly Dictionary<string, string> MergeKeys = new()
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["resourceClaims"] = "name",
        ["readinessGates"] = "conditionType",
        ["podIPs"] = "ip",
        ["containerStatuses"] = "name",
        ["initContainerStatuses"] = "name",
        ["ports"] = PortsKey, // containerPort for containers, port for Services
    };

    private static readonly HashSet<string> MergedPrimitiveLists = ["finalizers"];

    public static JsonObject Apply(JsonObject original, JsonObject patch) =>
        MergeMap((JsonObject)original.DeepClone(), patch) ?? new JsonObject();

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> in place; null means "delete this map".</summary>
    private static JsonObject? MergeMap(JsonObject target, JsonObject patch)
    {
        switch (patch["$patch"]?.ToString())
        {
            case "delete": return null;
            case "replace": return Strip(patch);
        }

        foreach (var (key, value) in patch.ToList())
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject childPatch && target[key] is JsonObject childTarget)
            {
                var merged = MergeMap(childTarget, childPatch);
                if (merged is null)
                {
                    target.Remove(key);
                }
                else if (!ReferenceEquals(merged, childTarget))
                {
                    target[key] = merged;
                }
            }
            else if (value is JsonObject newChild)
            {
                if (newChild["$patch"]?.ToString() == "delete")
                {
                    target.Remove(key);
                }
                else
                {
                    target[key] = Strip(newChild);
                }
            }
            else if (value is JsonArray list)
            {
                target[key] = MergeList(key, target[key] as JsonArray, list);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal) && target[key[25..]] is JsonArray primitives && value is JsonArray remove)
            {
                foreach (var item in primitives.Where(p => remove.Any(r => JsonNode.DeepEquals(p, r))).ToList())
                {
                    primitives.Remove(item);
                }
            }
            else if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) && target[key[17..]] is JsonArray current && value is JsonArray order)
            {
                target[key[17..]] = Reorder(key[17..], current, order);
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.ToString()).ToHashSet();
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }
        return target;
    }

    private static JsonArray MergeList(string field, JsonArray? target, JsonArray patch)
    {
        if (patch.Any(e => e is JsonObject o && o.Count == 1 && o["$patch"]?.ToString() == "replace"))
        {
            return new JsonArray(patch.Where(e => !(e is JsonObject o && o["$patch"] is not null)).Select(CloneStripped).ToArray());
        }

        if (MergedPrimitiveLists.Contains(field))
        {
            var union = target is null ? new JsonArray() : (JsonArray)target.DeepClone();
            foreach (var item in patch.Where(p => !union.Any(u => JsonNode.DeepEquals(u, p))))
            {
                union.Add(item?.DeepClone());
            }

            return union;
        }

        var mergeKey = MergeKeyFor(field, target, patch);
        if (mergeKey is null || target is null && patch.All(e => e is not JsonObject))
        {
            return new JsonArray(patch.Where(e => !(e is JsonObject o && o["$patch"]?.ToString() == "delete")).Select(CloneStripped).ToArray());
        }

        var result = target is null ? new JsonArray() : (JsonArray)target.DeepClone();
        foreach (var element in patch.OfType<JsonObject>())
        {
            var keyValue = element[mergeKey];
            var existing = result.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[mergeKey], keyValue));
            if (element["$patch"]?.ToString() == "delete")
            {
                if (existing is not null)
                {
                    result.Remove(existing);
                }
            }
            else if (existing is null)
            {
                result.Add(Strip(element));
            }
            else if (MergeMap(existing, element) is { } merged && !ReferenceEquals(merged, existing))
            {
                result[result.IndexOf(existing)] = merged;
            }
        }
        return result;
    }

    private static string? MergeKeyFor(string field, JsonArray? target, JsonArray patch)
    {
        if (!MergeKeys.TryGetValue(field, out var key))
        {
            return null;
        }

        if (key != PortsKey)
        {
            return key;
        }

        var sample = patch.Concat(target ?? []).OfType<JsonObject>();
        return sample.Any(e => e.ContainsKey("containerPort")) ? "containerPort" : "port";
    }

    private static JsonArray Reorder(string field, JsonArray current, JsonArray order)
    {
        var items = current.Select(i => i?.DeepClone()).ToList();
        var key = MergeKeyFor(field, current, order);
        JsonNode? Identity(JsonNode? n) => key is not null && n is JsonObject o ? o[key] : n;
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var match = items.FirstOrDefault(i => JsonNode.DeepEquals(Identity(i), Identity(wanted)));
            if (match is null)
            {
                continue;
            }

            ordered.Add(match);
            items.Remove(match);
        }
        ordered.AddRange(items);
        return new JsonArray(ordered.ToArray());
    }

    private static JsonNode? CloneStripped(JsonNode? node) => node is JsonObject o ? Strip(o) : node?.DeepClone();

    /// <summary>A deep copy without any $-directives, for patch content that lands in the object as-is.</summary>
    private static JsonObject Strip(JsonObject source)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            copy[key] = value switch
            {
                JsonObject o => Strip(o),
                JsonArray a => new JsonArray(a.Select(CloneStripped).ToArray()),
                _ => value?.DeepClone(),
            };
        }
        return copy;
    }
}
