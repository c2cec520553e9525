using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kong;

/// <summary>
/// A Kong consumer with its credentials nested under Kong's declarative names. Credentials are kept as JSON objects
/// because each credential type has its own fields (see <see cref="CredentialTypes"/>).
/// </summary>
public sealed record KongConsumerEntity
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("username")] public string? Username { get; init; }
    [JsonPropertyName("custom_id")] public string? CustomId { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
    [JsonPropertyName("keyauth_credentials")] public IReadOnlyList<JsonObject>? KeyauthCredentials { get; init; }
    [JsonPropertyName("basicauth_credentials")] public IReadOnlyList<JsonObject>? BasicauthCredentials { get; init; }
    [JsonPropertyName("hmacauth_credentials")] public IReadOnlyList<JsonObject>? HmacauthCredentials { get; init; }
    [JsonPropertyName("jwt_secrets")] public IReadOnlyList<JsonObject>? JwtSecrets { get; init; }
    [JsonPropertyName("oauth2_credentials")] public IReadOnlyList<JsonObject>? Oauth2Credentials { get; init; }
    [JsonPropertyName("acls")] public IReadOnlyList<JsonObject>? Acls { get; init; }
    [JsonPropertyName("mtls_auth_credentials")] public IReadOnlyList<JsonObject>? MtlsAuthCredentials { get; init; }
    [JsonPropertyName("groups")] public IReadOnlyList<KongIdRef>? Groups { get; init; }
}

public sealed record KongConsumerGroup
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
    [JsonPropertyName("consumers")] public IReadOnlyList<KongConsumerGroupMember>? Consumers { get; init; }
}

public sealed record KongConsumerGroupMember([property: JsonPropertyName("username")] string Username);

/// <summary>Credential types as labelled on Secrets (<c>konghq.com/credential</c>) and the fields that are secret.</summary>
public static class CredentialTypes
{
    public const string KeyAuth = "key-auth";
    public const string BasicAuth = "basic-auth";
    public const string HmacAuth = "hmac-auth";
    public const string Jwt = "jwt";
    public const string Oauth2 = "oauth2";
    public const string Acl = "acl";
    public const string MtlsAuth = "mtls-auth";

    /// <summary>Credential fields never shown by the UI or dumps.</summary>
    public static readonly IReadOnlySet<string> SecretFields =
        new HashSet<string>(StringComparer.Ordinal) { "key", "password", "secret", "client_secret" };
}
