namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// One Kong entity type as the declarative config sees it (kong/db/schema/entities/*.lua):
/// its plural section name, endpoint key (what other entities may reference it by) and foreign keys.
/// </summary>
internal sealed record EntityKind(
    string Plural,
    string Singular,
    string? EndpointKey,
    bool EndpointKeyUnique,
    IReadOnlyDictionary<string, string> Foreign,
    string? AdminPath = null)
{
    /// <summary>The Admin API collection path ("/key-auths" for keyauth_credentials …).</summary>
    public string Path => AdminPath ?? Plural;

    private static EntityKind K(string plural, string singular, string? key, bool unique, string? adminPath = null, params (string Field, string Ref)[] fks) =>
        new(plural, singular, key, unique, fks.ToDictionary(f => f.Field, f => f.Ref), adminPath);

    /// <summary>Kong 3.9 OSS core entities plus the bundled plugins' DAO entities that KIC emits.</summary>
    public static readonly IReadOnlyList<EntityKind> All =
    [
        K("certificates", "certificate", null, false),
        K("ca_certificates", "ca_certificate", null, false),
        K("services", "service", "name", true, null, ("client_certificate", "certificates")),
        K("routes", "route", "name", true, null, ("service", "services")),
        K("consumers", "consumer", "username", true),
        K("consumer_groups", "consumer_group", "name", true),
        K("consumer_group_consumers", "consumer_group_consumer", null, false, null, ("consumer_group", "consumer_groups"), ("consumer", "consumers")),
        K("plugins", "plugin", null, false, null, ("route", "routes"), ("service", "services"), ("consumer", "consumers"), ("consumer_group", "consumer_groups")),
        K("upstreams", "upstream", "name", true, null, ("client_certificate", "certificates")),
        K("targets", "target", "target", false, null, ("upstream", "upstreams")),
        K("snis", "sni", "name", true, null, ("certificate", "certificates")),
        K("vaults", "vault", "prefix", true),
        K("key_sets", "key_set", "name", true),
        K("keys", "key", "name", true, null, ("set", "key_sets")),
        K("keyauth_credentials", "keyauth_credential", "key", true, "key-auths", ("consumer", "consumers")),
        K("basicauth_credentials", "basicauth_credential", "username", true, "basic-auths", ("consumer", "consumers")),
        K("hmacauth_credentials", "hmacauth_credential", "username", true, "hmac-auths", ("consumer", "consumers")),
        K("jwt_secrets", "jwt_secret", "key", true, "jwts", ("consumer", "consumers")),
        K("acls", "acl", null, false, null, ("consumer", "consumers")),
        K("oauth2_credentials", "oauth2_credential", "client_id", true, "oauth2", ("consumer", "consumers")),
        K("mtls_auth_credentials", "mtls_auth_credential", null, false, "mtls-auths", ("consumer", "consumers")),
    ];

    public static readonly IReadOnlyDictionary<string, EntityKind> ByPlural = All.ToDictionary(k => k.Plural);

    public static readonly IReadOnlyDictionary<string, EntityKind> ByPath = All.ToDictionary(k => k.Path);

    /// <summary>Child sections that may be nested inside this entity, with the child's foreign key back to it.</summary>
    public IReadOnlyList<(EntityKind Child, string ForeignField)> Children => ChildrenByPlural.Value[Plural];

    // computed once: validation and loading ask for every field of every entity
    private static readonly Lazy<Dictionary<string, (EntityKind, string)[]>> ChildrenByPlural = new(() =>
        All.ToDictionary(p => p.Plural, p => All.SelectMany(c => c.Foreign.Where(f => f.Value == p.Plural).Select(f => (c, f.Key))).ToArray()));
}
