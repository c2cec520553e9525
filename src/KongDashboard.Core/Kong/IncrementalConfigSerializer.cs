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
        var segments = new List<ReadOnlyMemory<byte>>(_segmentsHint);
        var digests = new ArrayBufferWriter<byte>(_segmentsHint * SHA256.HashSizeInBytes + 1024);
        Add(segments, digests, ObjectStart);
        var first = true;
        foreach (var property in _properties)
        {
            var value = property.Info.Get!(config);
            if (value is null)
            {
                continue; // JsonIgnoreCondition.WhenWritingNull, as the context is configured
            }

            Add(segments, digests, first ? property.OpeningFirst : property.Opening);
            first = false;
            if (property.ElementInfo is { } elementInfo && value is IEnumerable items)
            {
                var firstItem = true;
                foreach (var item in items)
                {
                    if (item is null)
                    {
                        Add(segments, digests, firstItem ? Null : [.. Comma, .. Null]);
                    }
                    else
                    {
                        var fragment = FragmentOf(item, elementInfo);
                        segments.Add(firstItem ? fragment.Json : fragment.WithComma);
                        digests.Write(fragment.Digest);
                    }

                    firstItem = false;
                }

                Add(segments, digests, ArrayEnd);
            }
            else
            {
                Add(segments, digests, JsonSerializer.SerializeToUtf8Bytes(value, property.Info.Options.GetTypeInfo(property.Info.PropertyType)));
            }
        }

        Add(segments, digests, ObjectEnd);
        _segmentsHint = segments.Count;
        var sha = Convert.ToHexStringLower(SHA256.HashData(digests.WrittenSpan));
        return (new ConfigBody([.. segments]), sha);
    }

    private static void Add(List<ReadOnlyMemory<byte>> segments, ArrayBufferWriter<byte> digests, byte[] raw)
    {
        segments.Add(raw);
        digests.Write(raw);
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
