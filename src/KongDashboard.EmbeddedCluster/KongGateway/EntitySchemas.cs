using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// <c>GET /schemas/:name</c> of Kong 3.9.1 (kong/api/routes/kong.lua): the entity schema passed through
/// api_helpers.schema_to_jsonable (<c>{"entity_checks": [], "fields": [{name: attributes}, …]}</c>, functions dropped,
/// foreign fields without their nested schema), or 404 <c>No entity named '&lt;name&gt;'</c>. Served for the bundled
/// plugins' credential entities, the types a KongCustomEntity can name that this gateway also accepts in
/// <c>/config</c>; their fields are those of kong/plugins/{key-auth,basic-auth,acl}/daos.lua with
/// kong/db/schema/typedefs.lua expanded.
/// </summary>
internal static class EntitySchemas
{
    private const string Uuid = """{"type":"string","uuid":true,"auto":true,"description":"A string representing a UUID (universally unique identifier)."}""";
    private const string CreatedAt = """{"type":"integer","timestamp":true,"auto":true,"description":"An integer representing an automatic Unix timestamp in seconds."}""";
    private const string Consumer = """{"type":"foreign","reference":"consumers","required":true,"on_delete":"cascade"}""";
    private const string Tags = """{"type":"set","elements":{"type":"string","required":true,"description":"A string representing a tag."},"description":"A set of strings representing tags."}""";

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["keyauth_credentials"] = $$$"""[{"id":{{{Uuid}}}},{"created_at":{{{CreatedAt}}}},{"consumer":{{{Consumer}}}},{"key":{"type":"string","required":false,"unique":true,"auto":true}},{"tags":{{{Tags}}}}]""",
        ["basicauth_credentials"] = $$$"""[{"id":{{{Uuid}}}},{"created_at":{{{CreatedAt}}}},{"consumer":{{{Consumer}}}},{"username":{"type":"string","required":true,"unique":true}},{"password":{"type":"string","required":true,"encrypted":true}},{"tags":{{{Tags}}}}]""",
        ["acls"] = $$$"""[{"id":{{{Uuid}}}},{"created_at":{{{CreatedAt}}}},{"consumer":{{{Consumer}}}},{"group":{"type":"string","required":true}},{"tags":{{{Tags}}}}]""",
    };

    public static IEnumerable<string> Types => Fields.Keys;

    public static AdminReply Get(string name) =>
        Fields.TryGetValue(name, out var fields)
            ? new(200, new JsonObject { ["entity_checks"] = new JsonArray(), ["fields"] = JsonNode.Parse(fields) })
            : new(404, new JsonObject { ["message"] = $"No entity named '{name}'" });
}
