using System.Text.Json.Nodes;

namespace KongDashboard.Core.Sync.Database;

/// <summary>
/// One entity type as go-database-reconciler handles it: its kind name (pkg/types, used in error reports), its Admin API
/// collection, the parent it is nested under for writes (credentials under /consumers/{id}, targets under
/// /upstreams/{id}) and its natural key (pkg/file/builder.go ID resolution).
/// </summary>
public sealed record DbEntityType(string Kind, string Collection, string AdminPath, string? ParentField = null, string? ParentPath = null)
{
    public static readonly DbEntityType Certificate = new("certificate", "certificates", "certificates");
    public static readonly DbEntityType CaCertificate = new("ca-certificate", "ca_certificates", "ca_certificates");
    public static readonly DbEntityType Consumer = new("consumer", "consumers", "consumers");
    public static readonly DbEntityType Sni = new("sni", "snis", "snis");
    public static readonly DbEntityType Service = new("service", "services", "services");
    public static readonly DbEntityType Upstream = new("upstream", "upstreams", "upstreams");
    public static readonly DbEntityType KeyAuth = new("key-auth", "keyauth_credentials", "key-auth", "consumer", "consumers");
    public static readonly DbEntityType HmacAuth = new("hmac-auth", "hmacauth_credentials", "hmac-auth", "consumer", "consumers");
    public static readonly DbEntityType JwtAuth = new("jwt-auth", "jwt_secrets", "jwt", "consumer", "consumers");
    public static readonly DbEntityType BasicAuth = new("basic-auth", "basicauth_credentials", "basic-auth", "consumer", "consumers");
    public static readonly DbEntityType Oauth2 = new("oauth2-cred", "oauth2_credentials", "oauth2", "consumer", "consumers");
    public static readonly DbEntityType Acl = new("acl-group", "acls", "acls", "consumer", "consumers");
    public static readonly DbEntityType Route = new("route", "routes", "routes");
    public static readonly DbEntityType Target = new("target", "targets", "targets", "upstream", "upstreams");
    public static readonly DbEntityType Plugin = new("plugin", "plugins", "plugins");

    /// <summary>
    /// Creates and updates in this order, deletes in reverse (go-database-reconciler pkg/diff/order.go:38-72 dependency
    /// levels L1 certificate, consumer … L2 sni, service, upstream, credentials … L3 route, target … L4 plugin; one type
    /// after another, pkg/diff/diff.go:427-470 waits after each type).
    /// </summary>
    public static readonly IReadOnlyList<DbEntityType> Order =
        [Certificate, CaCertificate, Consumer, Sni, Service, Upstream, KeyAuth, HmacAuth, JwtAuth, BasicAuth, Oauth2, Acl, Route, Target, Plugin];

    /// <summary>The collection a dump lists with the tag filter (top-level for credentials: /key-auths …).</summary>
    public string ListPath => Collection switch
    {
        "keyauth_credentials" => "key-auths",
        "hmacauth_credentials" => "hmac-auths",
        "jwt_secrets" => "jwts",
        "basicauth_credentials" => "basic-auths",
        "oauth2_credentials" => "oauth2",
        _ => AdminPath,
    };

    /// <summary>Where an entity is written: PUT/DELETE on this path (go-kong: nested for credentials and targets).</summary>
    public string EntityPath(JsonObject entity, string id) =>
        ParentField is { } field && entity[field]?["id"]?.GetValue<string>() is { } parent
            ? $"/{ParentPath}/{parent}/{AdminPath}/{id}"
            : $"/{AdminPath}/{id}";

    /// <summary>The natural key GDR matches an entity without id by (builder.go), null when there is none.</summary>
    public string? NaturalKey(JsonObject e)
    {
        static string? S(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        static string? Ref(JsonNode? n) => n is JsonObject o ? S(o["id"]) : null;
        return Kind switch
        {
            "service" or "route" or "upstream" or "sni" => S(e["name"]),
            "consumer" => S(e["username"]) ?? S(e["custom_id"]),
            "certificate" => S(e["cert"]) + "|" + S(e["key"]),
            "ca-certificate" => S(e["cert"]),
            "target" => Ref(e["upstream"]) + "|" + S(e["target"]),
            "key-auth" or "jwt-auth" => S(e["key"]),
            "basic-auth" or "hmac-auth" => S(e["username"]),
            "oauth2-cred" => S(e["client_id"]),
            "acl-group" => Ref(e["consumer"]) + "|" + S(e["group"]),
            "plugin" => $"{S(e["name"])}|{Ref(e["service"])}|{Ref(e["route"])}|{Ref(e["consumer"])}",
            _ => null,
        };
    }

    /// <summary>GDR's console name of an entity in errors and reports (name, else id).</summary>
    public string DisplayName(JsonObject e)
    {
        static string? S(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return Kind switch
        {
            "consumer" => S(e["username"]) ?? S(e["id"]) ?? "",
            "target" => $"{S(e["target"])} for upstream {S(e["upstream"]?["id"])}",
            "plugin" => S(e["name"]) + (e["route"] is JsonObject r ? $" for route {S(r["id"])}" : e["service"] is JsonObject s ? $" for service {S(s["id"])}" : " (global)"),
            _ => S(e["name"]) ?? S(e["id"]) ?? "",
        };
    }
}
