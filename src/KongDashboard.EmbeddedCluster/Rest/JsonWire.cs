using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>Reading and writing JSON bodies the way the API server does.</summary>
internal static class JsonWire
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);

    public static async Task WriteAsync(HttpResponse response, int statusCode, JsonNode body, CancellationToken cancellationToken = default)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        await response.WriteAsync(Serialize(body), cancellationToken);
    }

    public static async Task<JsonNode> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Binary encodings (kubectl's typed clients send protobuf, e.g. `kubectl create configmap`) are not
        // implemented; refuse them the way a server without that codec would. Anything else is parsed as JSON.
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is "application/vnd.kubernetes.protobuf" or "application/cbor" or "application/apply-patch+yaml" or "application/apply-patch+cbor")
        {
            throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: application/json, application/merge-patch+json, application/strategic-merge-patch+json, application/json-patch+json (got {mediaType})");
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiException.BadRequest("the request body is empty");
        }

        try
        {
            return JsonNode.Parse(text) ?? throw ApiException.BadRequest("the request body is null");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request was in an unknown format - accepted media types include: application/json: {e.Message}");
        }
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await ReadAsync(request, cancellationToken) as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");
}
