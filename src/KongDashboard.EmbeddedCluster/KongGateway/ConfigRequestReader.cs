using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// kong/api/routes/config.lua hydrate_config_from_request: the body is the config itself (JSON with
/// _format_version), or carries it as a "config" string (JSON or YAML), as JSON or form fields.
/// </summary>
internal static class ConfigRequestReader
{
    public sealed record Result(JsonObject? Config, JsonObject? Error);

    public static async Task<Result> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        string? configText = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            configText = form["config"].FirstOrDefault();
        }
        else
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(ct);
            if (string.IsNullOrWhiteSpace(body))
            {
                return new(null, Message("expected a declarative configuration"));
            }
            var parsed = ParseText(body);
            if (parsed is JsonObject o && o["_format_version"] is null && FieldIsString(o, "config"))
            {
                configText = o["config"]!.GetValue<string>();
            }
            else if (parsed is JsonObject direct)
            {
                return new(direct, null);
            }
            else
            {
                return new(null, Unparsable());
            }
        }
        if (string.IsNullOrWhiteSpace(configText))
        {
            return new(null, Message("expected a declarative configuration"));
        }
        return ParseText(configText) is JsonObject c ? new(c, null) : new(null, Unparsable());
    }

    private static bool FieldIsString(JsonObject o, string f) => o[f] is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    /// <summary>JSON first, YAML as the fallback (YAML is a superset; Kong's parse_string tries both).</summary>
    private static JsonNode? ParseText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
        }
        try
        {
            return YamlToJson.Parse(text);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
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
