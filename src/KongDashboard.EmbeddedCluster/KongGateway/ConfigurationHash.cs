using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// Kong hashes the declarative config with md5 (kong/db/declarative/init.lua, ngx.md5) and reports it as
/// /status configuration_hash; here: md5 over a canonical JSON (object keys sorted) so equal configs hash equal.
/// </summary>
internal static class ConfigurationHash
{
    /// <summary>constants.lua DECLARATIVE_EMPTY_CONFIG_HASH.</summary>
    public const string Empty = "00000000000000000000000000000000";

    public static string Of(JsonNode config)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(config, w);
        }
#pragma warning disable CA5351 // md5 is what Kong uses for its config hash; not a security use
        return Convert.ToHexStringLower(MD5.HashData(buffer.ToArray()));
#pragma warning restore CA5351
    }

    private static void WriteCanonical(JsonNode? n, Utf8JsonWriter w)
    {
        switch (n)
        {
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (k, v) in o.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(k);
                    WriteCanonical(v, w);
                }
                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                foreach (var v in a)
                {
                    WriteCanonical(v, w);
                }
                w.WriteEndArray();
                break;
            case null:
                w.WriteNullValue();
                break;
            default:
                n.WriteTo(w);
                break;
        }
    }
}
