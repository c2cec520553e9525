using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Crds;

/// <summary>
/// Pruning of a custom resource against its structural schema, as the API server does (apiextensions
/// pkg/apiserver/schema/pruning): a field an object schema does not declare is dropped and reported, unless the
/// object preserves unknown fields (<c>x-kubernetes-preserve-unknown-fields</c>); maps (<c>additionalProperties</c>)
/// and array items are walked with their element schema. Root <c>metadata</c> is checked against ObjectMeta's fields.
/// </summary>
internal static class CrdUnknownFields
{
    /// <summary>Removes undeclared fields from <paramref name="body"/>; their paths ("spec.foo", "rules[0].bar").</summary>
    public static List<string> Prune(JsonObject schema, JsonObject body, IReadOnlySet<string> objectMetaFields)
    {
        var unknown = new List<string>();
        foreach (var (name, value) in body.ToList())
        {
            if (name is "apiVersion" or "kind")
            {
                continue;
            }
            if (name == "metadata")
            {
                if (value is JsonObject metadata)
                {
                    foreach (var field in metadata.Select(p => p.Key).Where(k => !objectMetaFields.Contains(k)).ToList())
                    {
                        unknown.Add("metadata." + field);
                        metadata.Remove(field);
                    }
                }
                continue;
            }
            Field(schema, body, name, value, name, unknown);
        }
        return unknown;
    }

    private static void Field(JsonObject parentSchema, JsonObject parent, string name, JsonNode? value, string path, List<string> unknown)
    {
        if (parentSchema["properties"]?[name] is JsonObject childSchema)
        {
            Walk(childSchema, value, path, unknown);
        }
        else if (parentSchema["additionalProperties"] is JsonObject mapValues)
        {
            Walk(mapValues, value, path, unknown);
        }
        else if (!Preserves(parentSchema))
        {
            unknown.Add(path);
            parent.Remove(name);
        }
    }

    private static void Walk(JsonObject schema, JsonNode? value, string path, List<string> unknown)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    Field(schema, obj, name, child, $"{path}.{name}", unknown);
                }
                break;
            case JsonArray items when schema["items"] is JsonObject itemSchema:
                for (var i = 0; i < items.Count; i++)
                {
                    Walk(itemSchema, items[i], $"{path}[{i}]", unknown);
                }
                break;
        }
    }

    // An object schema without properties or additionalProperties keeps nothing, unless it preserves unknown fields
    // (KongPlugin.config, KongCustomEntity.spec.fields, …).
    private static bool Preserves(JsonObject schema) =>
        schema["x-kubernetes-preserve-unknown-fields"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
