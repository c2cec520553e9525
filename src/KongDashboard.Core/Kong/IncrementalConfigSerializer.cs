using System.Buffers;
using System.Collections;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KongDashboard.Core.Kong;

/// <summary>
/// Makes the <c>POST /config</c> body byte for byte as <see cref="KongConfigSerializer.ToJsonUtf8"/> writes it, but each
/// top-level entity (a service with its routes, an upstream with its targets, a plugin, …) is serialized once and its
/// JSON kept for as long as that entity object lives. The translator reuses the output records of everything a change
/// did not touch, so a one-Ingress change serializes one service (and maybe its upstream); the body is a list of
/// chunks of references to cached pieces (<see cref="ConfigBody"/>) and its hash is made from the chunks' digests.
/// </summary>
/// <remarks>
/// Keyed by reference: the Kong records are immutable and the translator never mutates an output after publishing it.
/// The cache holds no entity alive (a <see cref="ConditionalWeakTable{TKey,TValue}"/>): a piece goes with its entity.
/// </remarks>
public sealed class IncrementalConfigSerializer
{
    /// <summary>One cache for the process: payloads of every controller replica share the translator's records.</summary>
    public static IncrementalConfigSerializer Shared { get; } = new();

    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] ArrayEnd = "]"u8.ToArray();
    private static readonly byte[] ObjectStart = "{"u8.ToArray();
    private static readonly byte[] ObjectEnd = "}"u8.ToArray();
    private static readonly byte[] Null = "null"u8.ToArray();

    private readonly ConditionalWeakTable<object, Fragment> _fragments = new();
    private readonly JsonTypeInfo<KongConfig> _configInfo = KongConfigSerializer.ConfigTypeInfo;
    private readonly TopLevelProperty[] _properties;
    private Dictionary<ChunkKey, Chunk> _chunks = new(ChunkKey.Comparer);
    private int _chunkHint = 16;
    private long _hits;
    private long _misses;
    private long _chunksHashed;

    public IncrementalConfigSerializer()
    {
        var encoder = _configInfo.Options.Encoder;
        // [JsonIgnore] properties (the custom entity sections, written after these) have no getter here.
        _properties = _configInfo.Properties.Where(p => p.Get is not null).Select(p => new TopLevelProperty(p, encoder, _configInfo.Options)).ToArray();
    }

    /// <summary>Entities whose JSON came from the cache / had to be written, since the start (for measurements).</summary>
    public (long Hits, long Misses) Counters => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>Chunks of the body that had to be hashed, since the start; the others came from the previous body.</summary>
    public long ChunksHashed => Interlocked.Read(ref _chunksHashed);

    /// <summary>The body as one array, identical to <see cref="KongConfigSerializer.ToJsonUtf8"/>.</summary>
    public byte[] ToJsonUtf8(KongConfig config) => Serialize(config).Body.ToArray();

    /// <summary>
    /// The body and its change-detection hash: SHA-256 (hex) over the body's structure with each chunk of entities
    /// replaced by the chunk's digest, itself a SHA-256 over its entities' own digests (<see cref="ChunkedBody"/>), so
    /// equal bodies give equal hashes and one changed entity changes the hash, re-hashing one chunk of the body. KIC uses its SHA only to compare with its own previous one
    /// (sendconfig/config_change_detector.go), never with a hash Kong computes.
    /// </summary>
    public (ConfigBody Body, string Sha) Serialize(KongConfig config)
    {
        // Per change: O(entities) cache look-ups and references, but only the chunks holding a changed entity are
        // hashed again and only their segment lists are made again; everything else comes from the previous body.
        var builder = new ChunkedBody(Volatile.Read(ref _chunks), _chunkHint);
        try
        {
            WritePieces(config, ref builder);
            var (chunks, sha, used) = builder.Finish();
            _chunkHint = chunks.Length;
            Interlocked.Add(ref _chunksHashed, builder.ChunksHashed);
            Volatile.Write(ref _chunks, used);
            return (new ConfigBody(chunks), sha);
        }
        finally
        {
            builder.Return();
        }
    }

    private void WritePieces(KongConfig config, ref ChunkedBody pieces)
    {
        pieces.AddRaw(ObjectStart);
        var first = true;
        foreach (var property in _properties)
        {
            var value = property.Info.Get!(config);
            if (value is null)
            {
                continue; // JsonIgnoreCondition.WhenWritingNull, as the context is configured
            }

            pieces.AddRaw(first ? property.OpeningFirst : property.Opening);
            first = false;
            if (property.ElementInfo is { } elementInfo && value is IEnumerable items)
            {
                var firstItem = true;
                foreach (var item in items)
                {
                    if (item is null)
                    {
                        pieces.AddRaw(firstItem ? Null : [.. Comma, .. Null]);
                    }
                    else
                    {
                        pieces.Add(FragmentOf(item, elementInfo), firstItem);
                    }

                    firstItem = false;
                }

                pieces.AddRaw(ArrayEnd);
            }
            else
            {
                pieces.AddRaw(JsonSerializer.SerializeToUtf8Bytes(value, property.Info.Options.GetTypeInfo(property.Info.PropertyType)));
            }
        }

        if (config.CustomEntities is { Count: > 0 } custom)
        {
            pieces.AddRaw(KongConfigSerializer.CustomSections(custom));
        }

        pieces.AddRaw(ObjectEnd);
    }

    private Fragment FragmentOf(object entity, JsonTypeInfo info)
    {
        if (_fragments.TryGetValue(entity, out var cached))
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }

        Interlocked.Increment(ref _misses);
        var fragment = Fragment.Of(JsonSerializer.SerializeToUtf8Bytes(entity, info));
        _fragments.AddOrUpdate(entity, fragment);
        return fragment;
    }

    /// <summary>An entity's JSON, stored after a comma so it can follow another element without a separate piece.</summary>
    internal sealed class Fragment(byte[] withComma, byte[] digest)
    {
        public ReadOnlyMemory<byte> WithComma { get; } = withComma;
        public ReadOnlyMemory<byte> Json { get; } = withComma.AsMemory(1);
        public byte[] Digest { get; } = digest;

        public static Fragment Of(byte[] json)
        {
            var withComma = new byte[json.Length + 1];
            withComma[0] = (byte)',';
            json.CopyTo(withComma, 1);
            return new Fragment(withComma, SHA256.HashData(json));
        }
    }

    /// <summary>A property of <see cref="KongConfig"/> as its source-generated metadata writes it.</summary>
    private sealed class TopLevelProperty
    {
        public TopLevelProperty(JsonPropertyInfo info, System.Text.Encodings.Web.JavaScriptEncoder? encoder, JsonSerializerOptions options)
        {
            Info = info;
            var name = "\"" + JsonEncodedText.Encode(info.Name, encoder) + "\":";
            var isList = info.PropertyType.IsGenericType && info.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>);
            var elementType = isList ? info.PropertyType.GetGenericArguments()[0] : null;
            // Lists of entities are written piece by piece; anything else (the format version) whole.
            ElementInfo = elementType is { IsClass: true } && elementType != typeof(string) ? options.GetTypeInfo(elementType) : null;
            var opening = ElementInfo is null ? name : name + "[";
            OpeningFirst = Encoding.UTF8.GetBytes(opening);
            Opening = Encoding.UTF8.GetBytes("," + opening);
        }

        public JsonPropertyInfo Info { get; }
        public JsonTypeInfo? ElementInfo { get; }
        public byte[] OpeningFirst { get; }
        public byte[] Opening { get; }
    }
}
