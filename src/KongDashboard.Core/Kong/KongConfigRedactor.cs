using System.Text.Json.Nodes;

namespace KongDashboard.Core.Kong;

/// <summary>Produces copies of a configuration that are safe to show: no private keys, no credential secrets.</summary>
public static class KongConfigRedactor
{
    public const string Redacted = "<redacted>";

    public static KongConfig Redact(KongConfig config) => config with
    {
        Certificates = config.Certificates?.Select(c => c with { Key = c.Key is null ? null : Redacted }).ToList(),
        Consumers = config.Consumers?.Select(RedactConsumer).ToList(),
    };

    private static KongConsumerEntity RedactConsumer(KongConsumerEntity c) => c with
    {
        KeyauthCredentials = RedactAll(c.KeyauthCredentials),
        BasicauthCredentials = RedactAll(c.BasicauthCredentials),
        HmacauthCredentials = RedactAll(c.HmacauthCredentials),
        JwtSecrets = RedactAll(c.JwtSecrets),
        Oauth2Credentials = RedactAll(c.Oauth2Credentials),
        Acls = RedactAll(c.Acls),
        MtlsAuthCredentials = RedactAll(c.MtlsAuthCredentials),
    };

    private static List<JsonObject>? RedactAll(IReadOnlyList<JsonObject>? credentials) =>
        credentials?.Select(credential =>
        {
            var copy = (JsonObject)credential.DeepClone();
            foreach (var field in CredentialTypes.SecretFields)
            {
                if (copy.ContainsKey(field))
                {
                    copy[field] = Redacted;
                }
            }
            return copy;
        }).ToList();
}
