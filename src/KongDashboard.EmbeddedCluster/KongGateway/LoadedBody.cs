using System.Buffers;
using System.Text.Json;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// config.lua answers 201 with the loaded entities keyed by type, then id. Written from each row's stored JSON
/// (no copy of the entities).
/// </summary>
internal static class LoadedBody
{
    public static ReadOnlyMemory<byte> Write(LoadedEntities loaded)
    {
        var size = loaded.Tables.Values.Sum(rows => rows.Sum(r => r.JsonLength + 64)) + 64;
        var output = new ArrayBufferWriter<byte>(size);
        output.Write("{"u8);
        var firstTable = true;
        foreach (var (type, rows) in loaded.Tables)
        {
            if (!firstTable)
            {
                output.Write(","u8);
            }
            firstTable = false;
            WriteKey(output, type);
            output.Write("{"u8);
            for (var i = 0; i < rows.Count; i++)
            {
                if (i > 0)
                {
                    output.Write(","u8);
                }
                WriteKey(output, rows[i].Id);
                rows[i].WriteJson(output, loaded.LoadedAt);
            }
            output.Write("}"u8);
        }
        output.Write("}"u8);
        return output.WrittenMemory;
    }

    /// <summary>"key": escaped as JsonNode.ToJsonString escapes property names (the default encoder).</summary>
    private static void WriteKey(ArrayBufferWriter<byte> output, string key)
    {
        output.Write("\""u8);
        output.Write(JsonEncodedText.Encode(key).EncodedUtf8Bytes);
        output.Write("\":"u8);
    }
}
