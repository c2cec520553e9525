using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// One loaded entity (a row of a flat table). Never changed once built, so later configurations that contain the same
/// entity share it. Kong sets created_at/updated_at on every load, so those are filled in when the row is shown.
/// </summary>
internal sealed class LoadedRow
{
    private readonly byte[] _json;
    private readonly int[] _stampOffsets;

    public LoadedRow(JsonObject entity, bool stampCreatedAt, bool stampUpdatedAt)
    {
        Entity = entity;
        StampCreatedAt = stampCreatedAt;
        StampUpdatedAt = stampUpdatedAt;
        Id = entity["id"]!.GetValue<string>();
        (_json, _stampOffsets) = Serialize(entity, stampCreatedAt, stampUpdatedAt);
    }

    /// <summary>The entity as loaded; its timestamps are those of the load that built it (see <see cref="Present"/>).</summary>
    public JsonObject Entity { get; }

    public string Id { get; }

    public bool StampCreatedAt { get; }

    public bool StampUpdatedAt { get; }

    /// <summary>A copy for a response, with the timestamps of the load it is shown from.</summary>
    public JsonObject Present(long loadedAt)
    {
        var copy = (JsonObject)Entity.DeepClone();
        if (StampCreatedAt)
        {
            copy["created_at"] = loadedAt;
        }
        if (StampUpdatedAt)
        {
            copy["updated_at"] = loadedAt;
        }
        return copy;
    }

    /// <summary>Writes <see cref="Present"/>'s JSON without building it: the row's JSON with the timestamps put in.</summary>
    public void WriteJson(IBufferWriter<byte> output, long loadedAt)
    {
        var from = 0;
        foreach (var offset in _stampOffsets)
        {
            output.Write(_json.AsSpan(from, offset - from));
            var span = output.GetSpan(20);
            loadedAt.TryFormat(span, out var written, provider: CultureInfo.InvariantCulture);
            output.Advance(written);
            from = offset + 1; // the one-digit placeholder
        }
        output.Write(_json.AsSpan(from));
    }

    public int JsonLength => _json.Length;

    /// <summary>
    /// md5 of the entity with its object keys sorted and without the timestamps a load stamps: what the configuration
    /// hash takes of this row (Kong hashes the flattened entities, whose key order is not the input's). Computed once
    /// per row; rows are shared by the loads that reuse them.
    /// </summary>
    public byte[] ContentDigest => _contentDigest ??= Digest();

    private byte[]? _contentDigest;

    private byte[] Digest()
    {
        var buffer = new ArrayBufferWriter<byte>(_json.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in Entity.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if ((StampCreatedAt && key == "created_at") || (StampUpdatedAt && key == "updated_at"))
                {
                    continue;
                }
                writer.WritePropertyName(key);
                WriteSorted(writer, value);
            }
            writer.WriteEndObject();
        }
#pragma warning disable CA5351 // Kong's configuration hash is md5; not a security use
        return System.Security.Cryptography.MD5.HashData(buffer.WrittenSpan);
#pragma warning restore CA5351
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                {
                    WriteSorted(writer, item);
                }
                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>The entity's JSON with a "0" where each stamped timestamp goes, and where those are.</summary>
    private static (byte[] Json, int[] StampOffsets) Serialize(JsonObject entity, bool stampCreatedAt, bool stampUpdatedAt)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        var offsets = new List<int>(2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in entity)
            {
                writer.WritePropertyName(key);
                if ((stampCreatedAt && key == "created_at") || (stampUpdatedAt && key == "updated_at"))
                {
                    writer.Flush();
                    offsets.Add(buffer.WrittenCount);
                    writer.WriteNumberValue(0);
                }
                else if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        return (buffer.WrittenSpan.ToArray(), [.. offsets]);
    }
}
