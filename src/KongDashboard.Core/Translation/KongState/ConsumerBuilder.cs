using System.Globalization;
using System.Text.Json.Nodes;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>KongConsumer + credential Secrets → Kong consumers (kongstate/kongstate.go: FillConsumersAndCredentials).</summary>
internal static class ConsumerBuilder
{
    public const string CredentialLabel = "konghq.com/credential";

    // Fields each credential type accepts (go-kong credential structs); others in the Secret are ignored.
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        [CredentialTypes.KeyAuth] = ["key", "ttl"],
        [CredentialTypes.BasicAuth] = ["username", "password"],
        [CredentialTypes.HmacAuth] = ["username", "secret"],
        [CredentialTypes.Jwt] = ["key", "algorithm", "rsa_public_key", "secret"],
        [CredentialTypes.Oauth2] = ["name", "client_id", "client_secret", "redirect_uris", "hash_secret", "client_type"],
        [CredentialTypes.Acl] = ["group"],
        [CredentialTypes.MtlsAuth] = ["subject_name", "ca_certificate"],
    };

    public static KongConsumerEntity? Build(KongConsumer consumer, ClusterSnapshot snapshot, bool fillIds, List<TranslationFailure> failures)
    {
        var self = ObjectRefs.Of(consumer);
        if (string.IsNullOrEmpty(consumer.Username) && string.IsNullOrEmpty(consumer.CustomId))
        {
            failures.Add(new TranslationFailure("no username or custom_id specified", [self]));
            return null;
        }
        var ns = consumer.Metadata.NamespaceProperty ?? "";
        var lists = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var secretName in consumer.Credentials ?? [])
        {
            var secret = snapshot.Secrets.Get(ns, secretName);
            if (secret is null)
            {
                failures.Add(new TranslationFailure($"Failed to fetch secret for KongConsumer {ns}/{consumer.Metadata.Name}: secret {ns}/{secretName} not found", [self]));
                continue;
            }
            var type = secret.Metadata.Labels is not null && secret.Metadata.Labels.TryGetValue(CredentialLabel, out var label)
                ? label
                : SecretData.Get(secret, "kongCredType");
            if (type is null || !Fields.TryGetValue(type, out var allowed))
            {
                failures.Add(new TranslationFailure(
                    type is null
                        ? $"failed to provision credential: secret {ns}/{secretName} has no {CredentialLabel} label"
                        : $"failed to provision credential: unsupported credential type: \"{type}\"",
                    [self, ObjectRefs.Of(secret)]));
                continue;
            }
            var credential = new JsonObject();
            foreach (var (key, value) in SecretData.All(secret).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!allowed.Contains(key))
                {
                    continue;
                }
                credential[key] = key switch
                {
                    "redirect_uris" => new JsonArray(value.Split(',').Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                    "hash_secret" => JsonValue.Create(bool.TryParse(value, out var b) && b),
                    "ttl" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ttl) ? JsonValue.Create(ttl) : null,
                    "ca_certificate" => new JsonObject { ["id"] = value },
                    _ => JsonValue.Create(value),
                };
            }
            if (type == CredentialTypes.Jwt && !credential.ContainsKey("algorithm"))
            {
                credential["algorithm"] = "HS256";
            }
            credential["tags"] = new JsonArray(KubernetesTags.For(secret, "", "v1", "Secret").Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
            if (!lists.TryGetValue(type, out var list))
            {
                lists[type] = list = [];
            }
            list.Add(credential);
        }

        List<JsonObject>? Of(string type) => lists.TryGetValue(type, out var l) ? l : null;
        return new KongConsumerEntity
        {
            Id = fillIds && !string.IsNullOrEmpty(consumer.Username) ? KongIds.Consumer(consumer.Username) : null,
            Username = string.IsNullOrEmpty(consumer.Username) ? null : consumer.Username,
            CustomId = string.IsNullOrEmpty(consumer.CustomId) ? null : consumer.CustomId,
            Tags = KubernetesTags.For(consumer),
            KeyauthCredentials = Of(CredentialTypes.KeyAuth),
            BasicauthCredentials = Of(CredentialTypes.BasicAuth),
            HmacauthCredentials = Of(CredentialTypes.HmacAuth),
            JwtSecrets = Of(CredentialTypes.Jwt),
            Oauth2Credentials = Of(CredentialTypes.Oauth2),
            Acls = Of(CredentialTypes.Acl),
            MtlsAuthCredentials = Of(CredentialTypes.MtlsAuth),
        };
    }
}
