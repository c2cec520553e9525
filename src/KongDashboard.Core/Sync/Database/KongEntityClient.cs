using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace KongDashboard.Core.Sync.Database;

/// <summary>The Admin API entity calls of a DB-mode sync (go-kong as GDR uses it): paged lists, PUT by id, DELETE.</summary>
public sealed class KongEntityClient(HttpClient http, Func<bool> mayWrite)
{
    private int _writes;

    /// <summary>Write calls made (PUT and DELETE).</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>
    /// Every entity of a collection carrying the tag, following <c>next</c> (pkg/dump/dump.go: size=1000, tags joined by
    /// ",", i.e. all of them).
    /// </summary>
    public async Task<List<JsonObject>> ListAsync(string path, string tag, CancellationToken ct)
    {
        var rows = new List<JsonObject>();
        string? next = $"/{path}?size=1000&tags={Uri.EscapeDataString(tag)}";
        while (next is not null)
        {
            using var response = await http.GetAsync(next, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"GET {next}: HTTP {(int)response.StatusCode}: {text}", null, response.StatusCode);
            }

            var page = JsonNode.Parse(text)!.AsObject();
            rows.AddRange(page["data"]!.AsArray().OfType<JsonObject>());
            next = page["next"] is JsonValue v ? v.GetValue<string>() : null;
        }

        // nested pages (targets) do not carry the tag filter in next: keep only tagged rows
        return rows.Where(r => (r["tags"] as JsonArray)?.Any(t => t?.GetValue<string>() == tag) == true).ToList();
    }

    public Task<(int Status, string Body)> PutAsync(string path, JsonObject entity, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, path, entity, ct);

    public Task<(int Status, string Body)> DeleteAsync(string path, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, path, null, ct);

    private async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, JsonObject? entity, CancellationToken ct)
    {
        // Checked before every single write: a replica that stopped leading mid-sync writes nothing more.
        if (!mayWrite())
        {
            throw new OperationCanceledException("not leading");
        }

        using var request = new HttpRequestMessage(method, path);
        if (entity is not null)
        {
            request.Content = new StringContent(entity.ToJsonString(), Encoding.UTF8, "application/json");
        }

        Interlocked.Increment(ref _writes);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return ((int)response.StatusCode, response.StatusCode == HttpStatusCode.NoContent ? "" : body);
    }
}
