using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>
/// Legacy (unaggregated) discovery: /version, /api, /apis, /apis/{g}, /api/v1 and /apis/{g}/{v}. kubectl 1.32 asks
/// for aggregated v2 discovery first; answering plain application/json makes it fall back to these documents.
/// </summary>
internal static class DiscoveryDocuments
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];
    private static readonly string[] ReadVerbs = ["get", "list"];

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-kong-dashboard-embedded",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(IReadOnlyCollection<ResourceKind> kinds) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(kinds.Select(k => (k.Group, k.Version)).Distinct().Where(gv => gv.Group.Length > 0).Select(gv => gv.Group).Distinct()
            .Select(g => (JsonNode)Group(kinds, g)!).ToArray()),
    };

    public static JsonObject? Group(IReadOnlyCollection<ResourceKind> kinds, string group)
    {
        var versions = kinds.Select(k => (k.Group, k.Version)).Distinct().Where(gv => gv.Group == group).Select(gv => gv.Version).OrderBy(VersionPriority).ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        JsonObject Gv(string v) => new() { ["groupVersion"] = $"{group}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)Gv(v)).ToArray()),
            ["preferredVersion"] = Gv(versions[0]),
        };
    }

    public static JsonObject ResourceList(IReadOnlyCollection<ResourceKind> kinds, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var kind in kinds.Where(k => k.Group == group && k.Version == version).OrderBy(k => k.Plural))
        {
            var resource = new JsonObject
            {
                ["name"] = kind.Plural,
                ["singularName"] = kind.Singular,
                ["namespaced"] = kind.Namespaced,
                ["kind"] = kind.Kind,
                ["verbs"] = new JsonArray((kind.ReadOnly ? ReadVerbs : AllVerbs).Select(v => (JsonNode)v!).ToArray()),
            };
            if (kind.ShortNames.Count > 0)
            {
                resource["shortNames"] = new JsonArray(kind.ShortNames.Select(s => (JsonNode)s!).ToArray());
            }

            if (kind.Categories.Count > 0)
            {
                resource["categories"] = new JsonArray(kind.Categories.Select(s => (JsonNode)s!).ToArray());
            }

            resources.Add(resource);
            foreach (var sub in kind.Subresources)
            {
                var subresource = new JsonObject
                {
                    ["name"] = $"{kind.Plural}/{sub}",
                    ["singularName"] = "",
                    ["namespaced"] = kind.Namespaced,
                    ["kind"] = sub == "scale" ? "Scale" : kind.Kind,
                    ["verbs"] = new JsonArray(SubresourceVerbs.Select(v => (JsonNode)v!).ToArray()),
                };
                if (sub == "scale")
                {
                    subresource["group"] = "autoscaling";
                    subresource["version"] = "v1";
                }
                resources.Add(subresource);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    /// <summary>GA before beta before alpha, as Kubernetes orders versions.</summary>
    private static int VersionPriority(string v) => v.Contains("alpha") ? 2 : v.Contains("beta") ? 1 : 0;
}
