using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

/// <summary>
/// The cost of one POST /config of a KIC-shaped configuration for 1,000 Ingresses (a service, a route, an upstream
/// with a target, and every tenth route with plugins each): a cold push, then a push changing one route, which the
/// entity cache must keep cheap. The figures are written to the test output (a measurement, not a pass mark: timing
/// bounds belong in benchmarks); the test asserts that the cached path serves exactly what was pushed.
/// </summary>
public sealed class PushCostTests(ITestOutputHelper output)
{
    private const int Ingresses = 1_000;

    [Fact]
    public async Task A_one_route_change_to_a_thousand_ingress_configuration_costs_a_fraction_of_a_cold_push()
    {
        var config = Configuration(changedRoute: null);
        var changed = Configuration(changedRoute: 500);
        await using (var warmUp = await Gateway.StartAsync())
        {
            await TimedPushAsync(warmUp, config); // JIT and first-use costs out of the figures
        }
        await using var gw = await Gateway.StartAsync();

        var cold = await TimedPushAsync(gw, config);
        Assert.Equal("/", await FirstPathAsync(gw, 500));
        var oneRoute = await TimedPushAsync(gw, changed);
        Assert.Equal("/changed", await FirstPathAsync(gw, 500));
        Assert.Equal("/", await FirstPathAsync(gw, 501)); // its neighbours untouched
        var back = await TimedPushAsync(gw, config);
        Assert.Equal("/", await FirstPathAsync(gw, 500));

        output.WriteLine($"{Ingresses} Ingresses: cold push {cold.TotalMilliseconds:F0} ms, one-route change {oneRoute.TotalMilliseconds:F0} ms, change back {back.TotalMilliseconds:F0} ms");
    }

    private static async Task<string?> FirstPathAsync(Gateway gw, int ingress)
    {
        var route = JsonNode.Parse(await gw.Http.GetStringAsync($"/routes/default.ing{ingress}.svc{ingress}.example.com.80"));
        return route?["paths"]?[0]?.GetValue<string>();
    }

    private static async Task<TimeSpan> TimedPushAsync(Gateway gw, JsonObject config)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await gw.PostConfigAsync(config);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return elapsed;
    }

    private static JsonObject Configuration(int? changedRoute)
    {
        var services = new JsonArray();
        var upstreams = new JsonArray();
        for (var i = 0; i < Ingresses; i++)
        {
            var tags = new JsonArray($"k8s-name:ing{i}", "k8s-namespace:default", "k8s-kind:Ingress", $"k8s-uid:00000000-0000-0000-0000-{i:D12}", "k8s-group:networking.k8s.io", "k8s-version:v1");
            var route = new JsonObject
            {
                ["name"] = $"default.ing{i}.svc{i}.example.com.80",
                ["hosts"] = new JsonArray($"app{i}.example.com"),
                ["paths"] = new JsonArray(i == changedRoute ? "/changed" : "/", "~/api/v[0-9]+$"),
                ["path_handling"] = "v0",
                ["preserve_host"] = true,
                ["protocols"] = new JsonArray("http", "https"),
                ["regex_priority"] = 0,
                ["strip_path"] = false,
                ["https_redirect_status_code"] = 426,
                ["request_buffering"] = true,
                ["response_buffering"] = true,
                ["tags"] = tags.DeepClone(),
            };
            if (i % 10 == 0)
            {
                route["plugins"] = new JsonArray(
                    new JsonObject { ["name"] = "rate-limiting", ["config"] = new JsonObject { ["minute"] = 100, ["policy"] = "local" }, ["tags"] = tags.DeepClone() },
                    new JsonObject { ["name"] = "cors", ["config"] = new JsonObject { ["origins"] = new JsonArray("https://app.example.com") }, ["tags"] = tags.DeepClone() });
            }
            services.Add(new JsonObject
            {
                ["name"] = $"default.svc{i}.80",
                ["host"] = $"svc{i}.default.80.svc",
                ["port"] = 80,
                ["protocol"] = "http",
                ["path"] = "/",
                ["connect_timeout"] = 60000,
                ["read_timeout"] = 60000,
                ["write_timeout"] = 60000,
                ["retries"] = 5,
                ["tags"] = tags.DeepClone(),
                ["routes"] = new JsonArray(route),
            });
            upstreams.Add(new JsonObject
            {
                ["name"] = $"svc{i}.default.80.svc",
                ["algorithm"] = "round-robin",
                ["tags"] = tags.DeepClone(),
                ["targets"] = new JsonArray(new JsonObject { ["target"] = $"10.0.{i / 250}.{i % 250}:8080", ["weight"] = 100 }),
            });
        }
        return new JsonObject { ["_format_version"] = "3.0", ["services"] = services, ["upstreams"] = upstreams };
    }
}
