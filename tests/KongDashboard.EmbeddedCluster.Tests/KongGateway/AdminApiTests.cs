using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

public sealed class AdminApiTests
{
    private static JsonObject FiveServices()
    {
        var services = new JsonArray();
        for (var i = 1; i <= 5; i++)
        {
            services.Add(new JsonObject { ["name"] = $"svc{i}", ["host"] = $"h{i}.example.com", ["routes"] = new JsonArray(new JsonObject { ["name"] = $"r{i}", ["paths"] = new JsonArray($"/p{i}") }) });
        }
        return new JsonObject { ["_format_version"] = "3.0", ["services"] = services };
    }

    [Fact]
    public async Task Listings_paginate_with_size_and_next()
    {
        await using var gw = await Gateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gw.PostConfigAsync(FiveServices())).StatusCode);

        var names = new List<string>();
        string? next = "/services?size=2";
        var pages = 0;
        while (next is not null)
        {
            var page = await gw.GetJsonAsync(next.Contains("size=", StringComparison.Ordinal) ? next : next + "&size=2");
            pages++;
            names.AddRange(page["data"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
            next = page["next"]?.GetValue<string>();
        }

        Assert.Equal(3, pages);
        Assert.Equal(["svc1", "svc2", "svc3", "svc4", "svc5"], names);
    }

    [Fact]
    public async Task Entities_are_returned_with_kong_defaults_and_flat_references()
    {
        await using var gw = await Gateway.StartAsync();
        await gw.PostConfigAsync(Configs.ServiceWithRoute());

        var route = (await gw.GetJsonAsync("/routes"))["data"]![0]!.AsObject();
        Assert.Equal(426, route["https_redirect_status_code"]!.GetValue<int>());
        Assert.Equal(["http", "https"], route["protocols"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("edc1d53e-73b4-5932-9455-0e01f0d53e3f", route["service"]!["id"]!.GetValue<string>());
        Assert.True(route["created_at"]!.GetValue<long>() > 0);
        Assert.True(Guid.TryParse(route["id"]!.GetValue<string>(), out _));
        Assert.Equal("v0", route["path_handling"]!.GetValue<string>());

        var service = await gw.GetJsonAsync("/services/default.svc.80");
        Assert.Equal(60000, service["connect_timeout"]!.GetValue<int>());
        Assert.Equal(5, service["retries"]!.GetValue<int>());
        var byId = await gw.GetJsonAsync("/services/edc1d53e-73b4-5932-9455-0e01f0d53e3f");
        Assert.Equal("default.svc.80", byId["name"]!.GetValue<string>());

        var targets = await gw.GetJsonAsync("/upstreams/svc.default.80.svc/targets");
        Assert.Equal("10.0.0.1:80", targets["data"]![0]!["target"]!.GetValue<string>());
        Assert.Single((await gw.GetJsonAsync("/targets"))["data"]!.AsArray());
        Assert.Equal(10000, (await gw.GetJsonAsync("/upstreams/svc.default.80.svc"))["slots"]!.GetValue<int>());
        Assert.Single((await gw.GetJsonAsync("/services/default.svc.80/routes"))["data"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_paths_and_entities_are_404()
    {
        await using var gw = await Gateway.StartAsync();
        var r = await gw.Http.GetAsync("/nope");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("Not found", JsonNode.Parse(await r.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await gw.Http.GetAsync("/services/missing")).StatusCode);
    }

    [Theory]
    [InlineData("POST", "/services", "cannot create 'services' entities when not using a database")]
    [InlineData("PATCH", "/routes/r1", "cannot update 'routes' entities when not using a database")]
    [InlineData("PUT", "/consumers/c1", "cannot create or update 'consumers' entities when not using a database")]
    [InlineData("DELETE", "/plugins/p1", "cannot remove 'plugins' entities when not using a database")]
    public async Task Writes_are_unsupported_in_db_less_mode(string method, string path, string message)
    {
        await using var gw = await Gateway.StartAsync();
        var r = await gw.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, r.StatusCode);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.Equal(12, body["code"]!.GetValue<int>());
        Assert.Equal("operation unsupported", body["name"]!.GetValue<string>());
        Assert.Equal(message, body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_page_size_is_rejected()
    {
        await using var gw = await Gateway.StartAsync();
        var r = await gw.Http.GetAsync("/services?size=1001");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }
}
