using System.Net;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

/// <summary>FaultInjector.KongConfigBusy: POST /config answered as Kong does while another load holds the lock.</summary>
public sealed class ConfigBusyTests
{
    [Fact]
    public async Task A_busy_gateway_answers_429_with_retry_after_and_loads_nothing_then_recovers()
    {
        var faults = new FaultInjector();
        await using var gw = await Gateway.StartAsync(new KongGatewayOptions { Faults = faults });
        faults.KongConfigBusy(count: 1, retryAfterSeconds: 3);

        var busy = await gw.PostConfigAsync(Configs.ServiceWithRoute());
        var next = await gw.PostConfigAsync(Configs.ServiceWithRoute());

        Assert.Equal((HttpStatusCode)429, busy.StatusCode);
        Assert.Equal("3", busy.Headers.GetValues("Retry-After").Single());
        Assert.Equal(TimeSpan.FromSeconds(3), busy.Headers.RetryAfter!.Delta);
        Assert.Equal("Currently loading previous configuration", JsonNode.Parse(await busy.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.NotEqual("00000000000000000000000000000000", gw.Kong.ConfigurationHash);
    }

    [Fact]
    public async Task Validation_comes_first_and_retry_after_is_capped_at_ten_seconds()
    {
        var faults = new FaultInjector();
        await using var gw = await Gateway.StartAsync(new KongGatewayOptions { Faults = faults, NodeName = "kong-a" });
        faults.KongConfigBusy(count: 1, retryAfterSeconds: 60, gateway: name => name == "kong-a");

        // config.lua:137-149 validates before it loads: an invalid configuration is a 400, and the switch stays set
        var invalid = await gw.PostConfigAsync(Configs.Parse("""{"_format_version":"3.0","services":[{"name":"s"}]}"""));
        var busy = await gw.PostConfigAsync(Configs.ServiceWithRoute());

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal((HttpStatusCode)429, busy.StatusCode);
        Assert.Equal("10", busy.Headers.GetValues("Retry-After").Single()); // import.lua:570,585 DECLARATIVE_RETRY_TTL_MAX
        Assert.Equal("00000000000000000000000000000000", gw.Kong.ConfigurationHash);
    }

    [Fact]
    public async Task The_switch_only_hits_the_gateways_it_names()
    {
        var faults = new FaultInjector();
        await using var named = await Gateway.StartAsync(new KongGatewayOptions { Faults = faults, NodeName = "kong-a" });
        await using var other = await Gateway.StartAsync(new KongGatewayOptions { Faults = faults, NodeName = "kong-b" });
        faults.KongConfigBusy(count: 5, gateway: name => name == "kong-a");

        Assert.Equal(HttpStatusCode.Created, (await other.PostConfigAsync(Configs.ServiceWithRoute())).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await named.PostConfigAsync(Configs.ServiceWithRoute())).StatusCode);
    }
}
