using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KongDashboard.Core.Kong;

/// <summary>Serializes Kong configuration exactly as KIC sends it (JSON) and as the goldens show it (YAML, sorted keys).</summary>
public static partial class KongConfigSerializer
{
    private static readonly JsonSerializerOptions GenericOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly KongJsonContext Context = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new StringListJsonConverter() },
    });

    /// <summary>The metadata the body is written with (shared with <see cref="IncrementalConfigSerializer"/>).</summary>
    internal static System.Text.Json.Serialization.Metadata.JsonTypeInfo<KongConfig> ConfigTypeInfo => Context.KongConfig;

    /// <summary>The exact <c>POST /config</c> body.</summary>
    public static string ToJson(KongConfig config) => System.Text.Encoding.UTF8.GetString(ToJsonUtf8(config));

    /// <summary>A configuration read back from Kong (<c>GET /config</c>: YAML or JSON text); unknown fields are ignored.</summary>
    public static KongConfig? FromText(string text)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || Kubernetes.YamlToJson.Convert(stream.Documents[0].RootNode) is not JsonObject node)
        {
            return null;
        }
        return node.Deserialize(Context.KongConfig);
    }

    public static byte[] ToJsonUtf8(KongConfig config)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(config, Context.KongConfig);
        if (config.CustomEntities is not { Count: > 0 } custom)
        {
            return body;
        }
        // The custom sections go before the closing brace (the body always has _format_version before them).
        return [.. body.AsSpan(0, body.Length - 1), .. CustomSections(custom), (byte)'}'];
    }

    /// <summary>
    /// <c>,"&lt;type&gt;":[…]</c> for each KongCustomEntity section: keys that are not properties of
    /// <see cref="KongConfig"/> because their names are plugin-defined.
    /// </summary>
    internal static byte[] CustomSections(IReadOnlyList<KongCustomEntities> sections)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = GenericOptions.Encoder }))
        {
            // Written as the members of an object whose braces are dropped: the writer places the commas.
            writer.WriteStartObject();
            foreach (var section in sections)
            {
                writer.WriteStartArray(section.Type);
                foreach (var entity in section.Entities)
                {
                    entity.WriteTo(writer, GenericOptions);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        var members = buffer.WrittenSpan[1..^1];
        return [(byte)',', .. members];
    }

    /// <summary>SHA-256 (hex) of the JSON body, for change detection (KIC deckgen.GenerateSHA).</summary>
    public static string Sha256(KongConfig config) => Convert.ToHexStringLower(SHA256.HashData(ToJsonUtf8(config)));

    /// <summary>Any Kong entity, subset or the whole config as YAML with keys sorted at every level.</summary>
    public static string ToYaml(object value)
    {
        var node = value switch
        {
            KongConfig config => JsonNode.Parse(ToJsonUtf8(config)),
            JsonNode n => n,
            _ => JsonSerializer.SerializeToNode(value, value.GetType(), GenericOptions),
        };
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024, false, false));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        EmitNode(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void EmitNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    EmitString(emitter, key);
                    EmitNode(emitter, child);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var child in array)
                {
                    EmitNode(emitter, child);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                EmitString(emitter, value.GetValue<string>());
                break;
            default:
                emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        // Multi-line values (PEMs) as block literals like go-yaml; strings a YAML parser would read as another type
        // (numbers, booleans, null, "3.0") must be quoted.
        var style = text.Contains('\n') ? ScalarStyle.Literal
            : NonStringLooking().IsMatch(text) || text.Length == 0 ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }

    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|(?:true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)|(?:null|Null|NULL|~))$")]
    private static partial Regex NonStringLooking();
}
