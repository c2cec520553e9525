using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KongDashboard.Core.Kong;

/// <summary>
/// The one place that makes configurations and texts safe to show, log or event. It redacts by field (TLS private
/// keys, credential secret fields) and by value: every string translation took from a Secret (plugin
/// <c>configFrom</c>/<c>configPatches</c>, credentials, TLS keys) is remembered here and replaced wherever it appears,
/// including inside Kong's free-text errors, which echo entities and quote values in their messages.
/// </summary>
/// <remarks>
/// The remembered values are process-wide on purpose: the surfaces that must scrub (Kong's error bodies, push
/// summaries, Events, logs, pages, the hub) see only text, far from the translation that knew where a value came
/// from. Values are only added, never forgotten, so a rotated-out secret stays redacted too.
/// </remarks>
public static partial class SecretRedactor
{
    public const string Redacted = "<redacted>";

    /// <summary>Shorter values are only redacted as whole configuration fields, never as substrings of text (they would
    /// shred unrelated words and numbers).</summary>
    public const int MinimumTextLength = 4;

    private static readonly ConcurrentDictionary<string, byte> Values = new(StringComparer.Ordinal);
    private static volatile string[] _textNeedles = [];

    /// <summary>Credential fields never shown by the UI or dumps.</summary>
    public static IReadOnlySet<string> SecretFields => CredentialTypes.SecretFields;

    /// <summary>Records values that came from Secrets so every later redaction replaces them.</summary>
    public static void Remember(IEnumerable<string> values)
    {
        var added = false;
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value) && Values.TryAdd(value, 0))
            {
                added = true;
            }
        }

        if (added)
        {
            // Longest first, so a value that contains another is replaced whole; each also in its JSON-escaped form.
            _textNeedles = Values.Keys
                .Where(v => v.Length >= MinimumTextLength)
                .SelectMany(v => new[] { v, JsonEncodedText.Encode(v).Value })
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(v => v.Length)
                .ToArray();
        }
    }

    public static bool IsSecretValue(string value) => Values.ContainsKey(value);

    /// <summary>A copy of the configuration without private keys, credential secrets or any value from a Secret.</summary>
    public static KongConfig Redact(KongConfig config) => config with
    {
        Certificates = config.Certificates?.Select(c => c with { Key = c.Key is null ? null : Redacted }).ToList(),
        Consumers = config.Consumers?.Select(RedactConsumer).ToList(),
        Plugins = config.Plugins?.Select(p => p.Config is null ? p : p with { Config = (JsonObject)RedactValues(p.Config) }).ToList(),
    };

    /// <summary>Any text (JSON, YAML, Kong's messages): PEM private keys, credential fields in JSON, remembered values.</summary>
    public static string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = PrivateKeyPem().Replace(text, Redacted);
        text = CredentialJsonField().Replace(text, m => $"\"{m.Groups["field"].Value}\":\"{Redacted}\"");
        foreach (var needle in _textNeedles)
        {
            text = text.Replace(needle, Redacted, StringComparison.Ordinal);
        }

        return text;
    }

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
            var copy = (JsonObject)RedactValues(credential);
            foreach (var field in SecretFields)
            {
                if (copy.ContainsKey(field))
                {
                    copy[field] = Redacted;
                }
            }

            return copy;
        }).ToList();

    /// <summary>A deep copy in which every scalar that is (or contains) a remembered value is replaced.</summary>
    private static JsonNode RedactValues(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : (JsonNode?)RedactValues(p.Value)))),
        JsonArray a => new JsonArray(a.Select(i => i is null ? null : (JsonNode?)RedactValues(i)).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => RedactString(v.GetValue<string>()) is { } s ? JsonValue.Create(s) : v.DeepClone(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && IsSecretValue(v.ToJsonString()) => JsonValue.Create(Redacted),
        _ => node.DeepClone(),
    };

    private static string? RedactString(string value)
    {
        if (IsSecretValue(value))
        {
            return Redacted;
        }

        var scrubbed = Scrub(value);
        return ReferenceEquals(scrubbed, value) || scrubbed == value ? null : scrubbed;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", RegexOptions.Singleline)]
    private static partial Regex PrivateKeyPem();

    // "key": "…" in Kong's echoed entities (JSON); the field list is CredentialTypes.SecretFields.
    [GeneratedRegex("\"(?<field>key|password|secret|client_secret)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex CredentialJsonField();
}
