using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.EmbeddedCluster.KongGateway.Database;
using Microsoft.Extensions.Time.Testing;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway.Database;

/// <summary>Two embedded Kong nodes in DB mode sharing one database, on a fake clock, reached over real HTTP.</summary>
internal sealed class DbGateways : IAsyncDisposable
{
    public static readonly TimeSpan UpdateFrequency = TimeSpan.FromSeconds(5);

    private DbGateways(KongDatabase database, FakeTimeProvider time, EmbeddedKongGateway a, EmbeddedKongGateway b)
    {
        Database = database;
        Time = time;
        A = a;
        B = b;
        Http = new HttpClient { BaseAddress = a.AdminAddress, Timeout = TimeSpan.FromSeconds(10) };
        HttpB = new HttpClient { BaseAddress = b.AdminAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public KongDatabase Database { get; }
    public FakeTimeProvider Time { get; }
    public EmbeddedKongGateway A { get; }
    public EmbeddedKongGateway B { get; }
    public HttpClient Http { get; }
    public HttpClient HttpB { get; }

    public static async Task<DbGateways> StartAsync()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var database = new KongDatabase(time);
        KongGatewayOptions Options(string node) => new() { Database = database, DbUpdateFrequency = UpdateFrequency, Time = time, NodeName = node };
        return new DbGateways(database, time, await EmbeddedKongGateway.StartAsync(Options("kong-a")), await EmbeddedKongGateway.StartAsync(Options("kong-b")));
    }

    public async Task<(int Status, JsonObject Body)> SendAsync(HttpMethod method, string path, string? json = null, HttpClient? http = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await (http ?? Http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? new JsonObject() : (JsonObject)JsonNode.Parse(text)!);
    }

    public Task<(int Status, JsonObject Body)> GetAsync(string path, HttpClient? http = null) => SendAsync(HttpMethod.Get, path, null, http);
    public Task<(int Status, JsonObject Body)> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);
    public Task<(int Status, JsonObject Body)> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);
    public Task<(int Status, JsonObject Body)> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);
    public Task<(int Status, JsonObject Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        HttpB.Dispose();
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
