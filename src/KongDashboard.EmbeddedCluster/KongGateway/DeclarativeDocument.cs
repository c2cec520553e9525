using System.Text.Json;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// A declarative config as received: its top-level members in input order, each item of an array kept as its raw
/// JSON text, so an entity sent again byte for byte can be recognised without parsing or validating it again.
/// Immutable once built; the accepted one is kept as the gateway's configuration.
/// </summary>
internal sealed class DeclarativeDocument
{
    private readonly ReadOnlyMemory<byte> _json;
    private readonly JsonObject? _parsed;
    private readonly Lazy<string> _jsonText;

    private DeclarativeDocument(string? submittedHash, IReadOnlyList<DocumentMember> members, ReadOnlyMemory<byte> json, JsonObject? parsed)
    {
        SubmittedHash = submittedHash;
        Members = members;
        _json = json;
        _parsed = parsed;
        // GET /config: the compact JSON of what was received (also for YAML input)
        _jsonText = new Lazy<string>(() => ToJsonObject().ToJsonString());
    }

    /// <summary>
    /// md5 of the configuration text when it came as text (a "config" field, a YAML or other non-JSON body:
    /// declarative/init.lua:149 unserialize, ngx.md5(contents)); null when it came as a JSON body with a top-level
    /// _format_version (config.lua:43-45 uses the parsed params as they are and hashes nothing). Only a text hash can
    /// make check_hash answer 304 (config.lua:132); without one the stored hash is that of the flattened entities.
    /// </summary>
    public string? SubmittedHash { get; }

    /// <summary>The declarative metadata (every top-level key starting with "_"; declarative_config.lua:828-833), _transform defaulting to true.</summary>
    public JsonObject Meta()
    {
        var meta = new JsonObject();
        foreach (var member in Members.Where(m => m.Key.StartsWith('_')))
        {
            meta[member.Key] = member.Value?.DeepClone();
        }
        meta.TryAdd("_transform", true); // declarative_config.lua:787-789
        return meta;
    }

    public IReadOnlyList<DocumentMember> Members { get; }

    public DocumentMember? Member(string key) => Members.FirstOrDefault(m => m.Key == key);

    /// <summary>A fresh copy of the whole configuration object.</summary>
    public JsonObject ToJsonObject() => _parsed is not null ? (JsonObject)_parsed.DeepClone() : JsonNode.Parse(_json.Span)!.AsObject();

    public string ToJsonString() => _jsonText.Value;

    /// <summary>
    /// Reads UTF-8 JSON in one pass: null when it is a JSON value other than an object (not a configuration);
    /// throws <see cref="JsonException"/> when it is not one JSON value, as JsonNode.Parse would.
    /// </summary>
    public static DeclarativeDocument? FromJson(ReadOnlyMemory<byte> json, string? submittedHash)
    {
        var reader = new Utf8JsonReader(json.Span);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            reader.Read(); // trailing text after the value is an error
            return null;
        }
        var members = new List<DocumentMember>();
        var keys = new Dictionary<string, bool>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            // a repeated key fails as JsonObject does when it is materialised
            keys.Add(key, true);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            List<DocumentItem>? items = null;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                items = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var itemStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    items.Add(new DocumentItem(json[itemStart..(int)reader.BytesConsumed], null));
                }
            }
            else
            {
                reader.Skip();
            }
            members.Add(new DocumentMember(key, json[start..(int)reader.BytesConsumed], null, items));
        }
        reader.Read();
        return new DeclarativeDocument(submittedHash, members, json, null);
    }

    /// <summary>The same document with the hash Kong gives the way it came (see <see cref="SubmittedHash"/>).</summary>
    public DeclarativeDocument WithSubmittedHash(string? submittedHash) => new(submittedHash, Members, _json, _parsed);

    /// <summary>A configuration that came as YAML: its items have no JSON text to compare, so none is reused.</summary>
    public static DeclarativeDocument FromNode(JsonObject config, string? submittedHash)
    {
        var members = config.Select(kv => new DocumentMember(kv.Key, ReadOnlyMemory<byte>.Empty, kv.Value,
            kv.Value is JsonArray a ? a.Select(item => new DocumentItem(ReadOnlyMemory<byte>.Empty, item)).ToList() : null)).ToList();
        return new DeclarativeDocument(submittedHash, members, ReadOnlyMemory<byte>.Empty, config);
    }
}

/// <summary>One top-level member: its raw JSON (or node, for YAML) and, for an array, its items.</summary>
internal sealed class DocumentMember(string key, ReadOnlyMemory<byte> raw, JsonNode? node, IReadOnlyList<DocumentItem>? items)
{
    private readonly Lazy<JsonNode?> _value = new(() => raw.IsEmpty ? node : JsonNode.Parse(raw.Span));

    public string Key { get; } = key;

    /// <summary>The items when the value is an array, else null.</summary>
    public IReadOnlyList<DocumentItem>? Items { get; } = items;

    public JsonNode? Value => _value.Value;
}

/// <summary>One item of a top-level array (one entity of a section), parsed only when it must be validated.</summary>
internal sealed class DocumentItem(ReadOnlyMemory<byte> raw, JsonNode? node)
{
    private readonly Lazy<JsonNode?> _node = new(() => raw.IsEmpty ? node : JsonNode.Parse(raw.Span));

    /// <summary>The item's JSON text as received; empty when the configuration came as YAML.</summary>
    public ReadOnlyMemory<byte> Raw { get; } = raw;

    public JsonNode? Node => _node.Value;
}
