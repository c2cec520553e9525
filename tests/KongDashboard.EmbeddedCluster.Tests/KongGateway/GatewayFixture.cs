using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

/// <summary>Starts a gateway per test and talks to it over real HTTP.</summary>
internal sealed class Gateway : IAsyncDisposable
{
    private Gateway(EmbeddedKongGateway kong)
    {
        Kong = kong;
        Http = new HttpClient { BaseAddress = kong.AdminAddress, Timeout = TimeSpan.FromSeconds(60) }; // a hang guard: a 1,000-Ingress push on a busy machine takes seconds
    }

    public EmbeddedKongGateway Kong { get; }
    public HttpClient Http { get; }

    public static async Task<Gateway> StartAsync(KongGatewayOptions? options = null) =>
        new(await EmbeddedKongGateway.StartAsync(options ?? new KongGatewayOptions()));

    public Task<HttpResponseMessage> PostConfigAsync(JsonObject config, string query = "?check_hash=1&flatten_errors=1") =>
        Http.PostAsync("/config" + query, new StringContent(config.ToJsonString(), Encoding.UTF8, "application/json"));

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        var r = await Http.GetAsync(path);
        return (JsonObject)JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
    }

    /// <summary>Posts and expects 400; returns the flattened errors.</summary>
    public async Task<JsonArray> RejectedAsync(JsonObject config)
    {
        var r = await PostConfigAsync(config);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, body);
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(14, json["code"]!.GetValue<int>());
        Assert.Equal("invalid declarative configuration", json["name"]!.GetValue<string>());
        return json["flattened_errors"]!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Kong.DisposeAsync();
    }
}

internal static class Configs
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A service with one route, as KIC emits them.</summary>
    public static JsonObject ServiceWithRoute(string routeJson = """{"name":"default.ing.svc..80","paths":["/"],"tags":["k8s-name:ing","k8s-namespace:default","k8s-kind:Ingress"]}""") => Parse($$"""
        {
          "_format_version": "3.0",
          "services": [{
            "name": "default.svc.80", "host": "svc.default.80.svc", "port": 80, "protocol": "http", "path": "/",
            "id": "edc1d53e-73b4-5932-9455-0e01f0d53e3f",
            "routes": [{{routeJson}}]
          }],
          "upstreams": [{"name": "svc.default.80.svc", "algorithm": "round-robin", "targets": [{"target": "10.0.0.1:80"}]}]
        }
        """);

    public static JsonObject Errors(JsonArray flattened, string entityType) =>
        flattened.Select(x => x!.AsObject()).Single(x => x["entity_type"]!.GetValue<string>() == entityType);

    public static IEnumerable<(string Type, string? Field, string Message)> Messages(JsonObject entry) =>
        entry["errors"]!.AsArray().Select(e => (e!["type"]!.GetValue<string>(), e["field"]?.GetValue<string>(), e["message"]!.GetValue<string>()));
}
