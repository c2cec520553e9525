using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>The DeleteOptions body of a DELETE (kubectl and client-go send policy, dryRun and preconditions there).</summary>
internal sealed record DeleteOptions(bool DryRun, string? PropagationPolicy, string? Uid, string? ResourceVersion)
{
    public static async Task<DeleteOptions> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var none = new DeleteOptions(false, null, null, null);
        if (request.ContentLength is 0 || request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return none;
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return none;
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request was in an unknown format - accepted media types include: application/json: {e.Message}");
        }
        if (body is null)
        {
            return none;
        }

        var orphan = body["orphanDependents"].AsBool();
        var policy = body["propagationPolicy"]?.ToString();
        if (orphan is not null && policy is not null)
        {
            throw ApiException.Invalid("DeleteOptions.meta.k8s.io", "",
                [Store.Validation.FieldError.Invalid("propagationPolicy", policy, "orphanDependents and deletionPropagation cannot be both set")]);
        }
        // The deprecated orphanDependents maps onto the policies (store.go:880-922).
        policy ??= orphan switch { true => "Orphan", false => "Background", null => null };
        return new DeleteOptions(
            (body["dryRun"] as JsonArray)?.Any(v => v?.ToString() == "All") == true,
            policy,
            body["preconditions"]?["uid"]?.ToString(),
            body["preconditions"]?["resourceVersion"]?.ToString());
    }
}
