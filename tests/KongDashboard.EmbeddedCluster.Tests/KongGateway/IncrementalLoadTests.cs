using System.Net;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

/// <summary>
/// A gateway reuses the entities it validated and loaded for the previous configuration when they come again byte
/// for byte. Whatever it reuses, each answer must be the one a fresh gateway gives to the same configuration.
/// </summary>
public sealed class IncrementalLoadTests
{
    private static JsonObject Base() => Configs.Parse("""
        {
          "_format_version": "3.0",
          "services": [
            {"name": "s1", "host": "s1.example.com", "routes": [{"name": "r1a", "paths": ["/1a"]}, {"name": "r1b", "paths": ["/1b"]}]},
            {"name": "s2", "host": "s2.example.com", "routes": [{"name": "r2a", "paths": ["/2a"], "tags": ["k8s-name:late"]}]},
            {"name": "s3", "host": "s3.example.com", "routes": [{"name": "r3a", "paths": ["/3a"]}]}
          ],
          "upstreams": [{"name": "u1", "targets": [{"target": "10.0.0.1:80"}]}],
          "plugins": [{"name": "cors", "route": "r2a"}, {"name": "rate-limiting", "service": "s3", "config": {"minute": 5}}],
          "consumers": [{"username": "alice"}]
        }
        """);

    private static JsonObject Changed(Action<JsonObject> change)
    {
        var config = Base();
        change(config);
        return config;
    }

    private static JsonObject Service(JsonObject config, int index) => config["services"]![index]!.AsObject();

    [Fact]
    public async Task A_config_changed_in_some_routes_is_refused_with_the_errors_of_a_fresh_gateway()
    {
        var changed = Changed(c =>
        {
            Service(c, 1)["routes"]![0]!["paths"] = new JsonArray("nope");
            Service(c, 2)["routes"]![0]!["methods"] = new JsonArray("get");
            c["upstreams"]!.AsArray().Add(new JsonObject { ["name"] = "u2", ["slots"] = 1 });
        });

        foreach (var query in new[] { "?check_hash=1&flatten_errors=1", "?check_hash=1" })
        {
            await AssertSameAnswerAsync([Base()], changed, query);
        }
    }

    [Fact]
    public async Task An_entity_that_became_invalid_is_caught_while_its_neighbours_are_reused()
    {
        await using var gw = await Gateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gw.PostConfigAsync(Base())).StatusCode);
        var hash = gw.Kong.ConfigurationHash;

        var errors = await gw.RejectedAsync(Changed(c => Service(c, 0)["routes"]![1]!["paths"] = new JsonArray("nope")));

        var route = Assert.Single(errors)!.AsObject();
        Assert.Equal("r1b", route["entity_name"]!.GetValue<string>());
        Assert.Equal([("field", "paths.1", "should start with: / (fixed path) or ~/ (regex path)")], Configs.Messages(route));
        Assert.Equal(hash, gw.Kong.ConfigurationHash);
    }

    [Fact]
    public async Task A_reused_reference_to_a_removed_entity_fails()
    {
        // the cors plugin is sent unchanged, but the route it names went away with service s2
        var withoutS2 = Changed(c => c["services"]!.AsArray().RemoveAt(1));

        var body = await AssertSameAnswerAsync([Base()], withoutS2);

        var plugin = Configs.Errors(body["flattened_errors"]!.AsArray(), "plugin");
        Assert.Equal([("entity", null, "invalid reference 'route: r2a' (no such entry in 'routes')")], Configs.Messages(plugin));
    }

    [Fact]
    public async Task A_new_entity_repeating_a_reused_name_is_a_uniqueness_violation()
    {
        var duplicate = Changed(c => c["services"]!.AsArray().Add(new JsonObject { ["name"] = "s1", ["host"] = "other.example.com" }));

        var body = await AssertSameAnswerAsync([Base()], duplicate);

        var service = Configs.Errors(body["flattened_errors"]!.AsArray(), "service");
        Assert.Equal([("entity", null, "uniqueness violation: 'services' entity with name set to 's1' already declared")], Configs.Messages(service));
    }

    [Fact]
    public async Task An_accepted_change_loads_what_a_fresh_gateway_loads()
    {
        var changed = Changed(c =>
        {
            Service(c, 0)["routes"]!.AsArray().Add(new JsonObject { ["name"] = "r1c", ["paths"] = new JsonArray("/1c") });
            c["upstreams"]![0]!["targets"]![0]!["target"] = "10.0.0.2";
            c.Remove("consumers");
        });
        await using var incremental = await Gateway.StartAsync();
        await using var fresh = await Gateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await incremental.PostConfigAsync(Base())).StatusCode);

        var incrementalBody = await BodyAsync(await incremental.PostConfigAsync(changed), HttpStatusCode.Created);
        var freshBody = await BodyAsync(await fresh.PostConfigAsync(changed), HttpStatusCode.Created);

        Assert.Equal(WithoutTimestamps(freshBody), WithoutTimestamps(incrementalBody));
        foreach (var path in new[] { "/services", "/routes", "/upstreams", "/targets", "/plugins", "/consumers", "/services/s1/routes" })
        {
            Assert.Equal(WithoutTimestamps(await fresh.GetJsonAsync(path)), WithoutTimestamps(await incremental.GetJsonAsync(path)));
        }
        Assert.Equal("10.0.0.2:8000", (await incremental.GetJsonAsync("/upstreams/u1/targets"))["data"]![0]!["target"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(changed, JsonNode.Parse((await incremental.GetJsonAsync("/config"))["config"]!.GetValue<string>())));
        // Kong stamps every entity at each load, reused or not
        var stamps = (await incremental.GetJsonAsync("/routes"))["data"]!.AsArray().Select(r => r!["created_at"]!.GetValue<long>()).Distinct();
        Assert.Single(stamps);
    }

    [Fact]
    public async Task Ids_taken_from_positions_follow_the_entities_when_they_move()
    {
        var (certA, keyA) = TestCertificates.Create("a.example.com");
        var (certB, keyB) = TestCertificates.Create("b.example.com");
        JsonObject Certificates(params (string Cert, string Key, string Sni)[] certs) => new()
        {
            ["_format_version"] = "3.0",
            ["certificates"] = new JsonArray(certs.Select(c => (JsonNode)new JsonObject { ["cert"] = c.Cert, ["key"] = c.Key, ["snis"] = new JsonArray(c.Sni) }).ToArray()),
        };
        await using var incremental = await Gateway.StartAsync();
        await using var fresh = await Gateway.StartAsync();
        var swapped = Certificates((certB, keyB, "b.example.com"), (certA, keyA, "a.example.com"));
        Assert.Equal(HttpStatusCode.Created, (await incremental.PostConfigAsync(Certificates((certA, keyA, "a.example.com"), (certB, keyB, "b.example.com")))).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await incremental.PostConfigAsync(swapped)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fresh.PostConfigAsync(swapped)).StatusCode);

        Assert.Equal(WithoutTimestamps(await fresh.GetJsonAsync("/certificates")), WithoutTimestamps(await incremental.GetJsonAsync("/certificates")));
        Assert.Equal(WithoutTimestamps(await fresh.GetJsonAsync("/snis")), WithoutTimestamps(await incremental.GetJsonAsync("/snis")));
    }

    [Fact]
    public async Task The_broken_object_hook_is_asked_about_reused_entities_too()
    {
        var broken = false;
        var options = new KongGatewayOptions { IsBrokenEntity = tags => broken && tags.Contains("k8s-name:late") };
        await using var incremental = await Gateway.StartAsync(options);
        await using var fresh = await Gateway.StartAsync(options);
        Assert.Equal(HttpStatusCode.Created, (await incremental.PostConfigAsync(Base())).StatusCode);
        broken = true;
        // route r2a is sent unchanged; only an unrelated service is new
        var next = Changed(c => c["services"]!.AsArray().Add(new JsonObject { ["name"] = "s9", ["host"] = "s9.example.com" }));

        var incrementalBody = await BodyAsync(await incremental.PostConfigAsync(next), HttpStatusCode.BadRequest);
        var freshBody = await BodyAsync(await fresh.PostConfigAsync(next), HttpStatusCode.BadRequest);

        Assert.Equal(freshBody.ToJsonString(), incrementalBody.ToJsonString());
        Assert.Contains(("entity", null, "broken object"), Configs.Messages(Configs.Errors(incrementalBody["flattened_errors"]!.AsArray(), "route")));
    }

    /// <summary>Real Kong too: a "config" text is hashed as sent and compared by check_hash (config.lua:47,61,132).</summary>
    [Fact]
    public async Task The_same_yaml_text_again_is_not_reloaded()
    {
        await using var gw = await Gateway.StartAsync();
        var yaml = "_format_version: \"3.0\"\nservices:\n- name: s1\n  host: example.com\n";
        Task<HttpResponseMessage> Post() => gw.Http.PostAsync("/config?check_hash=1", new FormUrlEncodedContent([new("config", yaml)]));

        Assert.Equal(HttpStatusCode.Created, (await Post()).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await Post()).StatusCode);
        Assert.Equal("s1", (await gw.GetJsonAsync("/services/s1"))["name"]!.GetValue<string>());
    }

    /// <summary>Posts <paramref name="history"/> then <paramref name="config"/> to one gateway and only the latter to a fresh one; same answer.</summary>
    private static async Task<JsonObject> AssertSameAnswerAsync(JsonObject[] history, JsonObject config, string query = "?check_hash=1&flatten_errors=1")
    {
        await using var incremental = await Gateway.StartAsync();
        await using var fresh = await Gateway.StartAsync();
        foreach (var earlier in history)
        {
            Assert.Equal(HttpStatusCode.Created, (await incremental.PostConfigAsync(earlier)).StatusCode);
        }

        var incrementalBody = await BodyAsync(await incremental.PostConfigAsync(config, query), HttpStatusCode.BadRequest);
        var freshBody = await BodyAsync(await fresh.PostConfigAsync(config, query), HttpStatusCode.BadRequest);

        Assert.Equal(freshBody.ToJsonString(), incrementalBody.ToJsonString());
        // again: now the valid entities of the refused attempt are reused too
        Assert.Equal(freshBody.ToJsonString(), (await BodyAsync(await incremental.PostConfigAsync(config, query), HttpStatusCode.BadRequest)).ToJsonString());
        return incrementalBody;
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The JSON without created_at/updated_at: two gateways load at their own times.</summary>
    private static string WithoutTimestamps(JsonNode? node)
    {
        static JsonNode? Strip(JsonNode? n) => n switch
        {
            JsonObject o => new JsonObject(o.Where(kv => kv.Key is not ("created_at" or "updated_at"))
                .Select(kv => KeyValuePair.Create(kv.Key, Strip(kv.Value)))),
            JsonArray a => new JsonArray(a.Select(Strip).ToArray()),
            _ => n?.DeepClone(),
        };
        return Strip(node)?.ToJsonString() ?? "null";
    }
}
