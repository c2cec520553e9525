using System.Buffers;
using System.Collections;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KongDashboard.Core.Kong;

/// <summary>
/// Writes the <c>POST /config</c> body byte for byte as <see cref="KongConfigSerializer.ToJsonUtf8"/> does, but each
/// top-level entity (a service with its routes, an upstream with its targets, a plugin, …) is serialized once and its
/// JSON kept for as long as that entity object lives. The translator reuses the output records of everything a change
/// did not touch, so a one-Ingress change serializes one service and one upstream; the rest is copied.
/// </summary>
/// <remarks>
/// Keyed by reference: the Kong records are immutable and the translator never mutates an output after publishing it.
/// The cache holds no entity alive (a <see cref="ConditionalWeakTable{TKey,TValue}"/>): a fragment goes with its entity.
/// </remarks>
public sealed class IncrementalConfigSerializer
{
    /// <summary>One cache for the process: payloads of every controller replica share the translator's records.</summary>
    public static IncrementalConfigSerializer Shared { get; } = new();

    private readonly ConditionalWeakTable<object, byte[]> _fragments = new();
    private readonly JsonTypeInfo<KongConfig> _configInfo = KongConfigSerializer.ConfigTypeInfo;
    private int _sizeHint = 64 * 1024;
    private long _hits;
    private long _misses;

    /// <summary>Entities whose JSON came from the cache / had to be written, since the start (for measurements).</summary>
    public (long Hits, long Misses) Counters => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>The body, identical to <see cref="KongConfigSerializer.ToJsonUtf8"/>.</summary>
    public byte[] ToJsonUtf8(KongConfig config)
    {
        // Sized from the last body: growing a 5 MB buffer by doubling would copy it several times per change.
        var buffer = new ArrayBufferWriter<byte>(_sizeHint + 4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = _configInfo.Options.Encoder, SkipValidation = true }))
        {
            WriteConfig(writer, config);
        }

        _sizeHint = buffer.WrittenCount;
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The body and its SHA-256 (hex, lower case), as <see cref="Sync.ConfigPayload"/> needs them.</summary>
    public (byte[] Body, string Sha) Serialize(KongConfig config)
    {
        var body = ToJsonUtf8(config);
        return (body, Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    private void WriteConfig(Utf8JsonWriter writer, KongConfig config)
    {
        writer.WriteStartObject();
        // The properties in the order and with the names the source-generated metadata serializes them: a property
        // added to KongConfig is written here without a change.
        foreach (var property in _configInfo.Properties)
        {
            var value = property.Get!(config);
            if (value is null)
            {
                continue; // JsonIgnoreCondition.WhenWritingNull, as the context is configured
            }

            writer.WritePropertyName(property.Name);
            if (value is IEnumerable items and not string && ElementTypeOf(property.PropertyType) is { IsClass: true } elementType && elementType != typeof(string))
            {
                var elementInfo = _configInfo.Options.GetTypeInfo(elementType);
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    writer.WriteRawValue(item is null ? "null"u8 : Fragment(item, elementInfo), skipInputValidation: true);
                }

                writer.WriteEndArray();
            }
            else
            {
                JsonSerializer.Serialize(writer, value, _configInfo.Options.GetTypeInfo(property.PropertyType));
            }
        }

        writer.WriteEndObject();
    }

    private byte[] Fragment(object entity, JsonTypeInfo info)
    {
        if (_fragments.TryGetValue(entity, out var cached))
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }

        Interlocked.Increment(ref _misses);
        var json = JsonSerializer.SerializeToUtf8Bytes(entity, info);
        _fragments.AddOrUpdate(entity, json);
        return json;
    }

    private static Type? ElementTypeOf(Type listType) =>
        listType.IsGenericType && listType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? listType.GetGenericArguments()[0] : null;
}
