using System.Security.Cryptography;
using System.Text;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// UUIDv5 ids as declarative_config.lua generate_uuid does:
/// uuid5(uuid5("fd02801f-0957-4a15-a55a-c8d9606f30b5", entity_name), key).
/// </summary>
internal static class DeterministicId
{
    private static readonly Guid Namespace = Guid.Parse("fd02801f-0957-4a15-a55a-c8d9606f30b5");

    public static string For(string entity, string key) => V5(V5(Namespace, entity), key).ToString();

    internal static Guid V5(Guid ns, string name)
    {
        var nsBytes = ns.ToByteArray(bigEndian: true);
        var data = nsBytes.Concat(Encoding.UTF8.GetBytes(name)).ToArray();
#pragma warning disable CA5350 // RFC 4122 v5 is defined over SHA-1
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        var b = hash.AsSpan(0, 16).ToArray();
        b[6] = (byte)((b[6] & 0x0F) | 0x50);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b, bigEndian: true);
    }
}
