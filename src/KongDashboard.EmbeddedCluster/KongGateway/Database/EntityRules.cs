using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;

namespace KongDashboard.EmbeddedCluster.KongGateway.Database;

/// <summary>The DAO constraints of Kong 3.9.1's schemas that the generic validation does not cover.</summary>
internal static class EntityRules
{
    /// <summary>
    /// Foreign keys deleted along with their parent (<c>on_delete = "cascade"</c>): kong/db/schema/entities/plugins.lua:22-24,
    /// targets.lua:31, keys.lua:24, kong/plugins/{acl,basic-auth,hmac-auth,jwt,key-auth,oauth2}/daos.lua. Every other
    /// foreign key restricts the delete (kong/db/dao/init.lua:639-665 only follows cascades).
    /// </summary>
    public static bool Cascades(EntityKind child, string field) => (child.Plural, field) switch
    {
        ("plugins", _) => true,
        ("targets", "upstream") => true,
        ("keys", "set") => true,
        ("consumer_group_consumers", _) => true,
        (_, "consumer") => true, // the credentials
        _ => false,
    };

    /// <summary>
    /// Unique keys besides the endpoint key: the cache keys plugins.lua:8 {name, route, service, consumer},
    /// targets {upstream, target}, acls {consumer, group}; consumers' custom_id.
    /// </summary>
    public static IEnumerable<string[]> UniqueKeys(EntityKind kind)
    {
        if (kind.EndpointKeyUnique && kind.EndpointKey is { } key)
        {
            yield return [key];
        }

        switch (kind.Plural)
        {
            case "consumers":
                yield return ["custom_id"];
                break;
            case "plugins":
                yield return ["name", "route", "service", "consumer"];
                break;
            case "targets":
                yield return ["upstream", "target"];
                break;
            case "acls":
                yield return ["consumer", "group"];
                break;
        }
    }

    /// <summary>The unique key of an entity as errors.lua shows it, or null when a single-field key is null (nulls never clash).</summary>
    public static JsonObject? KeyOf(JsonObject entity, string[] fields)
    {
        if (fields.Length == 1 && FieldChecks.IsNull(entity[fields[0]]))
        {
            return null;
        }

        var key = new JsonObject();
        foreach (var f in fields)
        {
            key[f] = entity[f] is JsonObject fk ? new JsonObject { ["id"] = fk["id"]?.DeepClone() } : entity[f]?.DeepClone();
        }

        return key;
    }

    /// <summary>Auto fields Kong fills for credentials: key-auth's key (kong/plugins/key-auth/daos.lua key auto = true).</summary>
    public static void FillAutoFields(EntityKind kind, JsonObject entity, bool passwordGiven)
    {
        if (kind.Plural is "keyauth_credentials" && FieldChecks.IsNull(entity["key"]))
        {
            entity["key"] = Guid.NewGuid().ToString("N");
        }

        if (kind.Plural is "basicauth_credentials" && passwordGiven && FieldChecks.AsString(entity["password"]) is { } password
            && entity["consumer"] is JsonObject consumer && FieldChecks.AsString(consumer["id"]) is { } consumerId)
        {
            // kong/plugins/basic-auth/crypto.lua: the stored password is sha1(password .. consumer id), never the secret itself
#pragma warning disable CA5350 // Kong's own scheme, reproduced so the secret is not kept
            entity["password"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(password + consumerId)));
#pragma warning restore CA5350
        }
    }
}
