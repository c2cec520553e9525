using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>kong/db/schema/entities/consumers.lua: at_least_one_of { "custom_id", "username" }.</summary>
internal sealed class ConsumerValidator : IEntityValidator
{
    public IReadOnlyDictionary<string, FieldRule> Fields { get; } = CommonFields.With(
        ("username", Rules.Str()),
        ("custom_id", Rules.Str()),
        ("username_lower", Rules.Str()),
        ("type", Rules.Int()));

    public IReadOnlyList<string> Required { get; } = [];

    public void CheckEntity(JsonObject c, EntityErrors errors)
    {
        if (string.IsNullOrEmpty(FieldChecks.AsString(c["custom_id"])) && string.IsNullOrEmpty(FieldChecks.AsString(c["username"])))
        {
            errors.EntityError("at least one of these fields must be non-empty: 'custom_id', 'username'");
        }
    }
}

/// <summary>Entities with a plain field list and no entity checks (credentials of bundled auth plugins, groups, vaults …).</summary>
internal sealed class SimpleValidator(IReadOnlyList<string> required, params (string Name, FieldRule Rule)[] fields) : IEntityValidator
{
    public IReadOnlyDictionary<string, FieldRule> Fields { get; } = CommonFields.With(fields);

    public IReadOnlyList<string> Required { get; } = required;

    public void CheckEntity(JsonObject entity, EntityErrors errors)
    {
    }

    private static readonly FieldRule Consumer = Rules.Foreign;

    /// <summary>The schemas of kong/plugins/{key-auth,basic-auth,hmac-auth,jwt,acl,oauth2}/daos.lua and a few core ones.</summary>
    public static IReadOnlyDictionary<string, IEntityValidator> Others { get; } = new Dictionary<string, IEntityValidator>
    {
        ["keyauth_credentials"] = new SimpleValidator([], ("consumer", Consumer), ("key", Rules.Str()), ("ttl", Rules.Int(0, 100000000))),
        ["basicauth_credentials"] = new SimpleValidator(["username", "password"], ("consumer", Consumer), ("username", Rules.Str()), ("password", Rules.Str())),
        ["hmacauth_credentials"] = new SimpleValidator(["username"], ("consumer", Consumer), ("username", Rules.Str()), ("secret", Rules.Str())),
        ["jwt_secrets"] = new SimpleValidator([], ("consumer", Consumer), ("key", Rules.Str()), ("secret", Rules.Str()), ("rsa_public_key", Rules.Str()),
            ("algorithm", Rules.OneOf("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA"))),
        ["acls"] = new SimpleValidator(["group"], ("consumer", Consumer), ("group", Rules.Str())),
        ["oauth2_credentials"] = new SimpleValidator(["name"], ("consumer", Consumer), ("name", Rules.Str()), ("client_id", Rules.Str()), ("client_secret", Rules.Str()),
            ("hash_secret", Rules.Bool), ("redirect_uris", Rules.Strings()), ("client_type", Rules.OneOf("confidential", "public"))),
        ["mtls_auth_credentials"] = new SimpleValidator(["subject_name"], ("consumer", Consumer), ("subject_name", Rules.Str()), ("ca_certificate", Rules.Foreign)),
        ["consumer_groups"] = new SimpleValidator(["name"], ("name", Rules.Utf8Name)),
        ["consumer_group_consumers"] = new SimpleValidator([], ("consumer_group", Rules.Foreign), ("consumer", Rules.Foreign)),
        ["vaults"] = new SimpleValidator(["prefix", "name"], ("prefix", Rules.Str()), ("name", Rules.Str()), ("description", Rules.Str()), ("config", Rules.Record)),
        ["key_sets"] = new SimpleValidator([], ("name", Rules.Str())),
        ["keys"] = new SimpleValidator(["kid"], ("name", Rules.Str()), ("kid", Rules.Str()), ("set", Rules.Foreign), ("jwk", Rules.Str()), ("pem", Rules.Record)),
    };
}
