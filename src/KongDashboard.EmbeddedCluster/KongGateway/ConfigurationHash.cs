using System.Security.Cryptography;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// /status configuration_hash. Kong hashes the configuration text with md5 (kong/db/declarative/init.lua unserialize:
/// ngx.md5(contents)); for a body that carries _format_version itself it hashes the flattened entities instead.
/// Here it is always md5 of the text as sent: byte-identical configurations hash equal, which is what check_hash
/// and readers of /status rely on, and hashing costs no parse.
/// </summary>
internal static class ConfigurationHash
{
    /// <summary>constants.lua DECLARATIVE_EMPTY_CONFIG_HASH.</summary>
    public const string Empty = "00000000000000000000000000000000";

    public static string Of(ReadOnlySpan<byte> text)
    {
#pragma warning disable CA5351 // md5 is what Kong uses for its config hash; not a security use
        return Convert.ToHexStringLower(MD5.HashData(text));
#pragma warning restore CA5351
    }
}
