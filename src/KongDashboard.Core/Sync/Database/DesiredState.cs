using System.Text.Json.Nodes;

namespace KongDashboard.Core.Sync.Database;

/// <summary>
/// The desired configuration as flat entities, as go-database-reconciler builds its target state (pkg/file/builder.go):
/// nested routes, plugins, targets, SNIs and credentials are pulled out with a reference to their parent; an entity
/// without an id gets the id of the entity Kong already has under the same natural key, else a new one; every entity
/// carries the select tag (utils.MergeTags).
/// </summary>
public static class DesiredState
{
    public const string SelectTag = "managed-by-ingress-controller";

    private static readonly (string Field, DbEntityType Type)[] Credentials =
    [
        ("keyauth_credentials", DbEntityType.KeyAuth), ("hmacauth_credentials", DbEntityType.HmacAuth),
        ("jwt_secrets", DbEntityType.JwtAuth), ("basicauth_credentials", DbEntityType.BasicAuth),
        ("oauth2_credentials", DbEntityType.Oauth2), ("acls", DbEntityType.Acl),
    ];

    /// <summary>Flattens a /config body; <paramref name="ids"/> resolves (and remembers) ids by natural key.</summary>
    public static IReadOnlyDictionary<(string Kind, string Id), DbEntity> From(byte[] configBody, IdBook ids)
    {
        var root = JsonNode.Parse(configBody) as JsonObject ?? [];
        var result = new Dictionary<(string, string), DbEntity>();
        var byName = new Dictionary<(string Kind, string Name), string>();

        void Add(DbEntityType type, JsonObject entity)
        {
            var id = entity["id"]?.GetValue<string>() ?? ids.Resolve(type, entity);
            entity["id"] = id;
            var tags = entity["tags"] as JsonArray ?? [];
            if (!tags.Any(t => t?.GetValue<string>() == SelectTag))
            {
                tags.Add(SelectTag);
            }

            entity["tags"] = tags.DeepClone();
            ids.Remember(type, entity, id);
            result[(type.Kind, id)] = new DbEntity(type, id, entity);
            if (type.NaturalKey(entity) is { } key && type.Kind is "service" or "route" or "consumer")
            {
                byName[(type.Kind, entity[type.Kind == "consumer" ? "username" : "name"]?.GetValue<string>() ?? key)] = id;
            }
        }

        JsonObject Ref(string id) => new() { ["id"] = id };

        foreach (var item in Items(root, "certificates"))
        {
            var snis = item["snis"] as JsonArray;
            var certificate = Without(item, "snis");
            Add(DbEntityType.Certificate, certificate);
            foreach (var sni in snis ?? [])
            {
                var s = sni is JsonObject o ? (JsonObject)o.DeepClone() : new JsonObject { ["name"] = sni?.GetValue<string>() };
                s["certificate"] = Ref(certificate["id"]!.GetValue<string>());
                Add(DbEntityType.Sni, s);
            }
        }

        foreach (var item in Items(root, "ca_certificates"))
        {
            Add(DbEntityType.CaCertificate, (JsonObject)item.DeepClone());
        }

        var plugins = new List<JsonObject>();
        foreach (var item in Items(root, "services"))
        {
            var service = Without(item, "routes", "plugins");
            Add(DbEntityType.Service, service);
            var serviceId = service["id"]!.GetValue<string>();
            foreach (var p in Items(item, "plugins"))
            {
                plugins.Add(With(p, "service", Ref(serviceId)));
            }

            foreach (var r in Items(item, "routes"))
            {
                var route = Without(r, "plugins");
                route["service"] = Ref(serviceId);
                Add(DbEntityType.Route, route);
                foreach (var p in Items(r, "plugins"))
                {
                    plugins.Add(With(p, "route", Ref(route["id"]!.GetValue<string>())));
                }
            }
        }

        foreach (var item in Items(root, "upstreams"))
        {
            var upstream = Without(item, "targets");
            Add(DbEntityType.Upstream, upstream);
            foreach (var t in Items(item, "targets"))
            {
                Add(DbEntityType.Target, With(t, "upstream", Ref(upstream["id"]!.GetValue<string>())));
            }
        }

        foreach (var item in Items(root, "consumers"))
        {
            var consumer = Without(item, [.. Credentials.Select(c => c.Field), "plugins", "groups", "mtls_auth_credentials"]);
            Add(DbEntityType.Consumer, consumer);
            var consumerId = consumer["id"]!.GetValue<string>();
            foreach (var (field, type) in Credentials)
            {
                foreach (var c in Items(item, field))
                {
                    Add(type, With(c, "consumer", Ref(consumerId)));
                }
            }

            foreach (var p in Items(item, "plugins"))
            {
                plugins.Add(With(p, "consumer", Ref(consumerId)));
            }
        }

        plugins.AddRange(Items(root, "plugins").Select(p => (JsonObject)p.DeepClone()));
        foreach (var plugin in plugins)
        {
            // top-level plugins name their service/route/consumer by name or id (declarative references)
            foreach (var (field, kind) in new[] { ("service", "service"), ("route", "route"), ("consumer", "consumer") })
            {
                if (plugin[field] is JsonValue v && v.GetValue<string>() is { } reference)
                {
                    plugin[field] = Ref(byName.GetValueOrDefault((kind, reference)) ?? reference);
                }
            }

            plugin.Remove("consumer_group"); // consumer groups are Kong Enterprise only
            Add(DbEntityType.Plugin, plugin);
        }

        return result;
    }

    private static IEnumerable<JsonObject> Items(JsonObject parent, string field) =>
        (parent[field] as JsonArray)?.OfType<JsonObject>() ?? [];

    private static JsonObject Without(JsonObject item, params string[] fields)
    {
        var copy = (JsonObject)item.DeepClone();
        foreach (var f in fields)
        {
            copy.Remove(f);
        }

        return copy;
    }

    private static JsonObject With(JsonObject item, string field, JsonNode value)
    {
        var copy = (JsonObject)item.DeepClone();
        copy[field] = value;
        return copy;
    }
}

/// <summary>Ids by natural key, learned from dumps and from what was written (GDR's ID resolution, builder.go).</summary>
public sealed class IdBook
{
    private readonly Dictionary<(string Kind, string Key), string> _ids = [];

    public string Resolve(DbEntityType type, JsonObject entity) =>
        type.NaturalKey(entity) is { } key && _ids.TryGetValue((type.Kind, key), out var id) ? id : Guid.NewGuid().ToString();

    public void Remember(DbEntityType type, JsonObject entity, string id)
    {
        if (type.NaturalKey(entity) is { } key)
        {
            _ids[(type.Kind, key)] = id;
        }
    }
}
