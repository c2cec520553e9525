using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>
/// Minimal OpenAPI v3: one schema per kind tagged with x-kubernetes-group-version-kind (a custom resource's is its
/// CRD's openAPIV3Schema, see Crds/; the others are open objects), and paths whose
/// post/put/patch declare the fieldValidation query parameter. That is what kubectl (--validate=strict, the default)
/// checks to decide the server validates fields itself, so it skips client-side schema validation.
/// </summary>
internal static class OpenApiDocuments
{
    public static string PathKey(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    public static JsonObject Index(IReadOnlyCollection<ResourceKind> kinds)
    {
        var paths = new JsonObject();
        foreach (var (group, version) in kinds.Select(k => (k.Group, k.Version)).Distinct())
        {
            var key = PathKey(group, version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(key)}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? Document(IReadOnlyCollection<ResourceKind> kinds, string key)
    {
        var gv = kinds.Select(k => (k.Group, k.Version)).Distinct().Where(gv => PathKey(gv.Group, gv.Version) == key).ToList();
        if (gv.Count == 0)
        {
            return null;
        }

        var (group, version) = gv[0];
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var kind in kinds.Where(k => k.Group == group && k.Version == version))
        {
            var schemaName = SchemaName(kind);
            schemas[schemaName] = Crds.CrdSchemas.For(kind) is { } crdSchema ? Published(crdSchema, kind) : new JsonObject
            {
                ["type"] = "object",
                ["description"] = $"{kind.Kind} served by the KongDashboard embedded cluster.",
                ["properties"] = new JsonObject
                {
                    ["apiVersion"] = new JsonObject { ["type"] = "string" },
                    ["kind"] = new JsonObject { ["type"] = "string" },
                    ["metadata"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                    ["spec"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                    ["status"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                },
                ["x-kubernetes-preserve-unknown-fields"] = true,
                ["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(kind)),
            };
            var prefix = "/" + key + (kind.Namespaced ? "/namespaces/{namespace}" : "");
            var collection = $"{prefix}/{kind.Plural}";
            var item = $"{collection}/{{name}}";
            if (kind.ReadOnly)
            {
                paths[collection] = new JsonObject { ["get"] = Operation(kind, "list", schemaName, false) };
                paths[item] = new JsonObject { ["get"] = Operation(kind, "get", schemaName, false) };
                continue;
            }
            paths[collection] = new JsonObject
            {
                ["get"] = Operation(kind, "list", schemaName, false),
                ["post"] = Operation(kind, "post", schemaName, true),
            };
            paths[item] = new JsonObject
            {
                ["get"] = Operation(kind, "get", schemaName, false),
                ["put"] = Operation(kind, "put", schemaName, true),
                ["patch"] = Operation(kind, "patch", schemaName, true),
                ["delete"] = Operation(kind, "delete", schemaName, false),
            };
            if (kind.HasStatus)
            {
                paths[$"{item}/status"] = new JsonObject
                {
                    ["get"] = Operation(kind, "get", schemaName, false),
                    ["put"] = Operation(kind, "put", schemaName, true),
                    ["patch"] = Operation(kind, "patch", schemaName, true),
                };
            }
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Operation(ResourceKind kind, string action, string schemaName, bool writes)
    {
        var parameters = new JsonArray();
        if (writes)
        {
            foreach (var name in new[] { "dryRun", "fieldManager", "fieldValidation" })
            {
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
            }
        }
        var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
        var op = new JsonObject
        {
            ["operationId"] = $"{action}{kind.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(kind),
        };
        if (writes)
        {
            // No strategic-merge content type here on purpose: kubectl then computes apply patches from its
            // compiled-in types (built-ins) or falls back to merge patch (custom resources).
            var contentTypes = action == "patch"
                ? new[] { "application/json-patch+json", "application/merge-patch+json" }
                : ["application/json"];
            var content = new JsonObject();
            foreach (var type in contentTypes)
            {
                content[type] = new JsonObject { ["schema"] = reference.DeepClone() };
            }

            op["requestBody"] = new JsonObject { ["content"] = content };
        }
        return op;
    }

    /// <summary>
    /// A CRD version's openAPIV3Schema as the API server publishes it for kubectl (explain, client-side checks):
    /// the schema itself, tagged with its group-version-kind.
    /// </summary>
    private static JsonObject Published(JsonObject crdSchema, ResourceKind kind)
    {
        var schema = (JsonObject)crdSchema.DeepClone();
        schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(kind));
        return schema;
    }

    private static JsonObject Gvk(ResourceKind kind) => new() { ["group"] = kind.Group, ["version"] = kind.Version, ["kind"] = kind.Kind };

    private static string SchemaName(ResourceKind kind) =>
        kind.Group.Length == 0 ? $"io.k8s.api.core.{kind.Version}.{kind.Kind}" : $"{string.Join('.', kind.Group.Split('.').Reverse())}.{kind.Version}.{kind.Kind}";

    private static string Hash(string key) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
}
