using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Patching;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>autoscaling/v1 Scale view of a Deployment: spec.replicas in, status.replicas + selector out.</summary>
internal static class ScaleSubresource
{
    public static JsonObject FromDeployment(JsonObject deployment)
    {
        var matchLabels = deployment["spec"]?["selector"]?["matchLabels"] as JsonObject;
        var selector = string.Join(",", (matchLabels ?? []).Select(p => $"{p.Key}={p.Value}"));
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = deployment.Name(),
                ["namespace"] = deployment.Namespace(),
                ["uid"] = deployment.Uid(),
                ["resourceVersion"] = deployment.ResourceVersion(),
                ["creationTimestamp"] = deployment.Metadata()["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = deployment["spec"]?["replicas"].AsInt() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = deployment["status"]?["replicas"].AsInt() ?? 0,
                ["selector"] = selector,
            },
        };
    }

    /// <summary>Applies a PUT (whole Scale) or PATCH (patch of the Scale) to the Deployment's replicas.</summary>
    public static JsonObject Update(ResourceStore store, ResourceKind kind, string ns, string name, Func<JsonObject, JsonObject> change)
    {
        var deployment = store.Get(kind, ns, name);
        var scale = change(FromDeployment(deployment));
        var rv = scale.ResourceVersion();
        if (!string.IsNullOrEmpty(rv) && rv != deployment.ResourceVersion())
        {
            throw ApiException.Conflict(kind, name);
        }

        var replicas = scale["spec"]?["replicas"].AsInt() ?? 0;
        if (replicas < 0)
        {
            throw new ApiException(422, "Invalid", $"Scale.autoscaling \"{name}\" is invalid: spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0");
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = deployment.ResourceVersion() },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        };
        return FromDeployment(store.Patch(kind, ns, name, PatchType.Merge, patch, statusOnly: false));
    }

    public static JsonObject ApplyPatch(JsonObject scale, PatchType type, JsonNode patch) => type switch
    {
        PatchType.Merge => (JsonObject)JsonMergePatch.Apply(scale, patch)!,
        PatchType.StrategicMerge => StrategicMergePatch.Apply(scale, (JsonObject)patch),
        _ => (JsonObject)JsonPatch.Apply(scale, (JsonArray)patch),
    };
}
