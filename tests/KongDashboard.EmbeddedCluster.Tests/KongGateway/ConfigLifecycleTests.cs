using System.Net;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

public sealed class ConfigLifecycleTests
{
    private const string Zeros = "00000000000000000000000000000000";

    [Fact]
    public async Task Accepted_config_changes_hash_and_readiness_and_raises_event()
    {
        await using var gw = await Gateway.StartAsync();
        Assert.Equal(Zeros, gw.Kong.ConfigurationHash);
        var notReady = await gw.Http.GetAsync("/status/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("no configuration available (empty configuration present)", (await gw.GetJsonAsync("/status/ready"))["message"]!.GetValue<string>());
        ConfigApplied? applied = null;
        gw.Kong.ConfigurationApplied += a => applied = a;

        var r = await gw.PostConfigAsync(Configs.ServiceWithRoute());

        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(body["services"]!.AsObject().ContainsKey("edc1d53e-73b4-5932-9455-0e01f0d53e3f"));
        Assert.Matches("^[0-9a-f]{32}$", gw.Kong.ConfigurationHash);
        Assert.NotEqual(Zeros, gw.Kong.ConfigurationHash);
        Assert.Equal(gw.Kong.ConfigurationHash, (await gw.GetJsonAsync("/status"))["configuration_hash"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await gw.Http.GetAsync("/status/ready")).StatusCode);
        Assert.NotNull(applied);
        Assert.Equal(1, applied!.EntityCounts["routes"]);
        Assert.Equal(1, applied.EntityCounts["targets"]);
        Assert.Equal("default.svc.80", gw.Kong.CurrentConfiguration!["services"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restart_clears_configuration_and_counters()
    {
        await using var gw = await Gateway.StartAsync();
        await gw.PostConfigAsync(Configs.ServiceWithRoute());
        Assert.True(gw.Kong.Counters.TotalRequests > 0);

        gw.Kong.Restart();

        Assert.Equal(Zeros, gw.Kong.ConfigurationHash);
        Assert.Null(gw.Kong.CurrentConfiguration);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gw.Http.GetAsync("/status/ready")).StatusCode);
        var status = await gw.GetJsonAsync("/status");
        Assert.Equal(Zeros, status["configuration_hash"]!.GetValue<string>());
        Assert.True(status["server"]!["total_requests"]!.GetValue<long>() <= 2);
        Assert.Empty((await gw.GetJsonAsync("/services"))["data"]!.AsArray());
    }

    [Fact]
    public async Task Node_info_and_status_have_kong_shapes()
    {
        await using var gw = await Gateway.StartAsync(new KongGatewayOptions { NodeName = "kong-pod-1", RouterFlavor = "expressions" });
        var root = await gw.GetJsonAsync("/");
        Assert.Equal("3.9.1", root["version"]!.GetValue<string>());
        Assert.Equal("kong-pod-1", root["hostname"]!.GetValue<string>());
        Assert.True(Guid.TryParse(root["node_id"]!.GetValue<string>(), out _));
        Assert.Equal("off", root["configuration"]!["database"]!.GetValue<string>());
        Assert.Equal("expressions", root["configuration"]!["router_flavor"]!.GetValue<string>());
        Assert.Equal(1250, root["plugins"]!["available_on_server"]!["key-auth"]!["priority"]!.GetValue<int>());

        var status = await gw.GetJsonAsync("/status");
        // health.lua:52-56: DB-less Kong reports its configuration hash and no "database" entry
        Assert.Equal(Zeros, status["configuration_hash"]!.GetValue<string>());
        Assert.False(status.ContainsKey("database"));
        Assert.NotEmpty(status["memory"]!["workers_lua_vms"]!.AsArray());
        Assert.True(status["server"]!["connections_accepted"]!.GetValue<long>() >= 1);
        Assert.True(status["server"]!["total_requests"]!.GetValue<long>() >= 2);
    }

    [Fact]
    public async Task Config_string_form_with_yaml_is_accepted()
    {
        await using var gw = await Gateway.StartAsync();
        var yaml = "_format_version: \"3.0\"\nservices:\n- name: s1\n  host: example.com\n  routes:\n  - name: r1\n    paths: [\"/a\"]\n";
        var r = await gw.Http.PostAsync("/config", new FormUrlEncodedContent([new("config", yaml)]));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        Assert.Equal("r1", (await gw.GetJsonAsync("/routes/r1"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Slow_gateway_does_not_block_another_instance()
    {
        await using var slow = await Gateway.StartAsync(new KongGatewayOptions { ResponseDelay = TimeSpan.FromSeconds(2) });
        await using var fast = await Gateway.StartAsync();
        var slowCall = slow.Http.GetAsync("/status");

        var fastCall = await fast.Http.GetAsync("/status");

        Assert.Equal(HttpStatusCode.OK, fastCall.StatusCode);
        Assert.False(slowCall.IsCompleted);
        Assert.Equal(HttpStatusCode.OK, (await slowCall).StatusCode);
    }
}
