using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// /status configuration_hash, the value check_hash compares with. Kong stores, after a successful load
/// (kong/db/declarative/import.lua:433-435, 484):
/// <list type="bullet">
/// <item>all zeros when the flattened configuration holds nothing but the default workspace (import.lua:270-273);</item>
/// <item>else md5 of the configuration text when it came as text (declarative/init.lua:149);</item>
/// <item>else md5 of the JSON encoding of the flattened entities and the metadata (declarative/init.lua:234-236).</item>
/// </list>
/// The last one includes the created_at/updated_at Kong stamps at each load (schema/init.lua process_auto_fields),
/// so the same JSON pushed again in a later second gets a new hash, as it does here. Lua table order makes Kong's
/// exact value unreproducible; this one is md5 over the loaded rows by table and id, the load time and the metadata.
/// </summary>
internal static class ConfigurationHash
{
    /// <summary>constants.lua:217 DECLARATIVE_EMPTY_CONFIG_HASH.</summary>
    public const string Empty = "00000000000000000000000000000000";

    public static string Of(ReadOnlySpan<byte> text)
    {
#pragma warning disable CA5351 // md5 is what Kong uses for its config hash; not a security use
        return Convert.ToHexStringLower(MD5.HashData(text));
#pragma warning restore CA5351
    }

    /// <summary>The hash a successful load stores.</summary>
    public static string Stored(LoadedEntities loaded, DeclarativeDocument config, string? submittedHash)
    {
        if (loaded.Tables.Count == 0)
        {
            return Empty;
        }
        if (submittedHash is not null)
        {
            return submittedHash;
        }
        // entity tables are Lua hash tables keyed by id: their order is not the input's, so sort tables and ids
#pragma warning disable CA5351 // see Of
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        Span<byte> stamp = stackalloc byte[8];
        foreach (var (type, rows) in loaded.Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            md5.AppendData(Encoding.UTF8.GetBytes(type));
            foreach (var row in rows.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                md5.AppendData(Encoding.UTF8.GetBytes(row.Id));
                md5.AppendData(row.ContentDigest);
                BinaryPrimitives.WriteInt64LittleEndian(stamp, (row.StampCreatedAt ? 1 : 0) + (row.StampUpdatedAt ? 2 : 0));
                md5.AppendData(stamp);
            }
        }
        BinaryPrimitives.WriteInt64LittleEndian(stamp, loaded.LoadedAt);
        md5.AppendData(stamp);
        md5.AppendData(Encoding.UTF8.GetBytes(config.Meta().ToJsonString()));
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }
}
