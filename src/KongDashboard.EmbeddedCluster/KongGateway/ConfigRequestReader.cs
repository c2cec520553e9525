using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// kong/api/routes/config.lua hydrate_config_from_request: the body is the config itself (JSON with
/// _format_version), or carries it as a "config" string (JSON or YAML), as JSON or form fields.
/// </summary>
internal static class ConfigRequestReader
{
    public sealed record Result(DeclarativeDocument? Config, JsonObject? Error);

    public static async Task<Result> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            return FromConfigText(form["config"].FirstOrDefault());
        }
        var body = await ReadBodyAsync(request, ct);
        var text = Utf8Text(body);
        if (IsBlank(text.Span))
        {
            return new(null, Message("expected a declarative configuration"));
        }
        var hash = ConfigurationHash.Of(body);
        // Lapis decodes only a JSON body into the request params (api_helpers.lua parse_params); any other body
        // reaches config.lua as raw text, so only a JSON body can be "the params themselves" (config.lua:43-45)
        var jsonBody = request.ContentType?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true;
        return Parse(text, hash) switch
        {
            // config.lua:43-45: the parsed body is the configuration, and no hash is taken of it
            Parsed { Document: { } d } when jsonBody && d.Member("_format_version") is not null => new(d.WithSubmittedHash(null), null),
            // config.lua:47: a "config" string (JSON or YAML text) is the configuration, hashed as that text
            Parsed { Document: { } d } when jsonBody && Wrapped(d.Member("config")?.Value) is { } inner => FromConfigText(inner),
            // config.lua:50-52: otherwise the raw body, hashed as sent
            Parsed { Document: { } d } => new(d, null),
            Parsed { Yaml: JsonObject o } => new(DeclarativeDocument.FromNode(o, hash), null),
            _ => new(null, Unparsable()),
        };
    }

    private static Result FromConfigText(string? configText)
    {
        if (string.IsNullOrWhiteSpace(configText))
        {
            return new(null, Message("expected a declarative configuration"));
        }
        var utf8 = Encoding.UTF8.GetBytes(configText);
        var hash = ConfigurationHash.Of(utf8);
        return Parse(utf8, hash) switch
        {
            Parsed { Document: { } d } => new(d, null),
            Parsed { Yaml: JsonObject o } => new(DeclarativeDocument.FromNode(o, hash), null),
            _ => new(null, Unparsable()),
        };
    }

    private static string? Wrapped(JsonNode? config) =>
        config is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A parsed configuration text: a JSON object, or what YAML made of it (null when neither parses).</summary>
    private sealed record Parsed(DeclarativeDocument? Document, JsonNode? Yaml);

    /// <summary>JSON first, YAML as the fallback (YAML is a superset; Kong's unserialize tries both).</summary>
    private static Parsed? Parse(ReadOnlyMemory<byte> utf8, string hash)
    {
        try
        {
            return DeclarativeDocument.FromJson(utf8, hash) is { } document ? new(document, null) : null;
        }
        catch (JsonException)
        {
        }
        try
        {
            return new(null, LyamlToJson.Parse(Encoding.UTF8.GetString(utf8.Span)));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } n and > 0 and < int.MaxValue ? (int)n : 0);
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>The body as UTF-8 text, decoded as a StreamReader would: a UTF-8 BOM dropped, other BOMs and invalid bytes transcoded.</summary>
    private static ReadOnlyMemory<byte> Utf8Text(byte[] body)
    {
        ReadOnlySpan<byte> span = body;
        if (span.StartsWith("\uFEFF"u8))
        {
            return body.AsMemory(3);
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) || !Utf8.IsValid(span))
        {
            using var reader = new StreamReader(new MemoryStream(body));
            return Encoding.UTF8.GetBytes(reader.ReadToEnd());
        }
        return body;
    }

    /// <summary>string.IsNullOrWhiteSpace over UTF-8, decoding only when non-ASCII bytes could be white space.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        var first = utf8.IndexOfAnyExcept(" \t\n\v\f\r"u8);
        return first < 0 || (utf8[first] >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(utf8)));
    }

    private static JsonObject Message(string m) => new() { ["message"] = m };

    /// <summary>errors.lua declarative_config with declarative.lua's parse error ({error = "failed parsing declarative configuration: …"}).</summary>
    private static JsonObject Unparsable() => new()
    {
        ["code"] = DeclarativeErrorBody.Code,
        ["name"] = "invalid declarative configuration",
        ["message"] = "declarative config is invalid: {error=\"failed parsing declarative configuration: expected an object\"}",
        ["fields"] = new JsonObject { ["error"] = "failed parsing declarative configuration: expected an object" },
    };
}
