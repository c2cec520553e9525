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
/// references to cached pieces (<see cref="ConfigBody"/>) and its hash is made from the pieces' own digests.
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
    private int _segmentsHint = 64;
    private long _hits;
    private long _misses;

    public IncrementalConfigSerializer()
    {
        var encoder = _configInfo.Options.Encoder;
        _properties = _configInfo.Properties.Select(p => new TopLevelProperty(p, encoder, _configInfo.Options)).ToArray();
    }

    /// <summary>Entities whose JSON came from the cache / had to be written, since the start (for measurements).</summary>
    public (long Hits, long Misses) Counters => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>The body as one array, identical to <see cref="KongConfigSerializer.ToJsonUtf8"/>.</summary>
    public byte[] ToJsonUtf8(KongConfig config) => Serialize(config).Body.ToArray();

    /// <summary>
    /// The body and its change-detection hash: SHA-256 (hex) over the body's structure with each entity's JSON
    /// replaced by that JSON's own SHA-256, so equal bodies give equal hashes and one changed entity changes the hash,
    /// without hashing every byte of a large body again. KIC uses its SHA only to compare with its own previous one
    /// (sendconfig/config_change_detector.go), never with a hash Kong computes.
    /// </summary>
    public (ConfigBody Body, string Sha) Serialize(KongConfig config)
    {
        // Sized from the previous body: a one-object change has (nearly) the same number of pieces, so neither buffer
        // grows, and the digests' buffer is pooled. Per change this is O(entities) references and digests, no body bytes.
        var pieces = new Pieces(_segmentsHint);
        try
        {
            WritePieces(config, ref pieces);
            _segmentsHint = pieces.Count;
            return (new ConfigBody(pieces.Segments()), Convert.ToHexStringLower(SHA256.HashData(pieces.DigestSpan)));
        }
        finally
        {
            pieces.Return();
        }
    }

    private void WritePieces(KongConfig config, ref Pieces pieces)
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
                        var fragment = FragmentOf(item, elementInfo);
                        pieces.Add(firstItem ? fragment.Json : fragment.WithComma, fragment.Digest);
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

    /// <summary>The body's pieces in order and what is hashed for them: raw structure bytes, or an entity's digest.</summary>
    private struct Pieces(int capacity)
    {
        private ReadOnlyMemory<byte>[] _segments = new ReadOnlyMemory<byte>[Math.Max(capacity, 16)];
        private byte[] _digests = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16) * SHA256.HashSizeInBytes + 1024);
        private int _digestLength;

        public int Count { get; private set; }

        public readonly ReadOnlySpan<byte> DigestSpan => _digests.AsSpan(0, _digestLength);

        public void AddRaw(byte[] raw) => Add(raw, raw);

        public void Add(ReadOnlyMemory<byte> segment, ReadOnlySpan<byte> hashed)
        {
            if (Count == _segments.Length)
            {
                Array.Resize(ref _segments, _segments.Length * 2);
            }

            _segments[Count++] = segment;
            if (_digestLength + hashed.Length > _digests.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_digests.Length * 2, _digestLength + hashed.Length));
                _digests.AsSpan(0, _digestLength).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_digests);
                _digests = larger;
            }

            hashed.CopyTo(_digests.AsSpan(_digestLength));
            _digestLength += hashed.Length;
        }

        public readonly ReadOnlyMemory<byte>[] Segments() => Count == _segments.Length ? _segments : _segments[..Count];

        public readonly void Return() => ArrayPool<byte>.Shared.Return(_digests);
    }

    /// <summary>An entity's JSON, stored after a comma so it can follow another element without a separate piece.</summary>
    private sealed class Fragment(byte[] withComma, byte[] digest)
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
