using System.Net;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

/// <summary>
/// Bundled plugins' config schemas (kong/plugins/&lt;name&gt;/schema.lua, 3.9.1): types, required fields, ranges, entity
/// checks and Kong's messages in flatten_errors form, and the defaults Kong stores.
/// </summary>
public sealed class PluginSchemaTests
{
    private const string AllPeriods = "'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'";

    public static TheoryData<string, string?, string> FieldErrors() => new()
    {
        { """{"name":"rate-limiting","config":{"minute":"abc"}}""", "config.minute", "expected a number" },
        { """{"name":"rate-limiting","config":{"minute":0}}""", "config.minute", "value must be greater than 0" },
        { """{"name":"rate-limiting","config":{"minute":5,"policy":"cluster"}}""", "config.policy", "expected one of: local, redis" },
        { """{"name":"rate-limiting","config":{"second":20,"hour":10}}""", "config", "The limit for hour(10.0) cannot be lower than the limit for second(20.0)" },
        { """{"name":"rate-limiting","config":{"minute":5,"sync_rate":1}}""", "config", "sync_rate can only be used with the redis policy" },
        { """{"name":"rate-limiting","config":{"minute":5,"redis":{"port":70000}}}""", "config.redis.port", "value should be between 0 and 65535" },
        { """{"name":"rate-limiting","config":{"minute":5,"bogus":1}}""", "config.bogus", "unknown field" },
        { """{"name":"cors","config":{"origins":5}}""", "config.origins", "expected an array" },
        { """{"name":"cors","config":{"origins":["(unclosed"]}}""", "config.origins.1", "'(unclosed' is not a valid regex" },
        { """{"name":"cors","config":{"methods":["GET","FETCH"]}}""", "config.methods.2", "expected one of: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT" },
        { """{"name":"cors","config":{"credentials":"yes"}}""", "config.credentials", "expected a boolean" },
        { """{"name":"ip-restriction","config":{"allow":["10.0.0.0/8","300.1.1.1"]}}""", "config.allow.2", "invalid ip or cidr range: '300.1.1.1'" },
        { """{"name":"key-auth","consumer":"alice"}""", "consumer", "value must be null" },
        { """{"name":"key-auth","config":{"key_names":["api key"]}}""", "config.key_names.1", "bad header name 'api key', allowed characters are A-Z, a-z, 0-9, '_', and '-'" },
        { """{"name":"basic-auth","config":{"realm":""}}""", "config.realm", "length must be at least 1" },
        { """{"name":"jwt","config":{"maximum_expiration":-1}}""", "config.maximum_expiration", "value should be between 0 and 31536000" },
        { """{"name":"jwt","config":{"claims_to_verify":["iat"]}}""", "config.claims_to_verify.1", "expected one of: exp, nbf" },
        { """{"name":"acl","config":{"allow":"admins"}}""", "config.allow", "expected an array" },
        { """{"name":"correlation-id","config":{"generator":"random"}}""", "config.generator", "expected one of: uuid, uuid#counter, tracker" },
        { """{"name":"correlation-id","protocols":["tcp"]}""", "protocols.1", "expected one of: grpc, grpcs, http, https" },
        { """{"name":"proxy-cache","config":{}}""", "config.strategy", "required field missing" },
        { """{"name":"proxy-cache","config":{"strategy":"memory","response_code":[]}}""", "config.response_code", "length must be at least 1" },
        { """{"name":"proxy-cache","config":{"strategy":"memory","response_code":[99]}}""", "config.response_code.1", "value should be between 100 and 900" },
        { """{"name":"proxy-cache","config":{"strategy":"memory","cache_ttl":1.5}}""", "config.cache_ttl", "expected an integer" },
        { """{"name":"request-transformer","config":{"http_method":"get"}}""", "config.http_method", "invalid value: get" },
        { """{"name":"request-transformer","config":{"add":{"headers":["novalue"]}}}""", "config.add.headers.1", "invalid value: novalue" },
        { """{"name":"request-transformer","config":{"add":{"body":["k:"]}}}""", "config.add.body.1", "key 'k' has no value" },
        { """{"name":"request-transformer","config":{"rename":{"headers":["x-a:x b"]}}}""", "config.rename.headers.1", "'x b' is not a valid header" },
        { """{"name":"request-transformer","config":{"remove":{"headers":["bad header"]}}}""", "config.remove.headers.1", "'bad header' is not a valid header" },
        { """{"name":"response-transformer","config":{"add":{"json_types":["int"]}}}""", "config.add.json_types.1", "expected one of: boolean, number, string" },
        { """{"name":"prometheus","config":{"per_consumer":1}}""", "config.per_consumer", "expected a boolean" },
        { """{"name":"cors","config":null}""", "config", "required field missing" },
    };

    [Theory]
    [MemberData(nameof(FieldErrors))]
    public async Task A_bad_config_field_is_refused_with_kongs_message(string plugin, string? field, string message)
    {
        var errors = await PluginErrorsAsync(plugin);

        Assert.Contains(("field", field, message), errors);
    }

    public static TheoryData<string, string[]> EntityErrors() => new()
    {
        { """{"name":"rate-limiting","config":{}}""", [$"at least one of these fields must be non-empty: {AllPeriods}"] },
        { """{"name":"rate-limiting"}""", [$"at least one of these fields must be non-empty: {AllPeriods}"] },
        { """{"name":"acl","config":{}}""", ["exactly one of these fields must be non-empty: 'config.allow', 'config.deny'", "at least one of these fields must be non-empty: 'config.allow', 'config.deny'"] },
        { """{"name":"acl","config":{"allow":["a"],"deny":["b"]}}""", ["exactly one of these fields must be non-empty: 'config.allow', 'config.deny'"] },
        { """{"name":"ip-restriction","config":{"allow":[]}}""", ["at least one of these fields must be non-empty: 'config.allow', 'config.deny'"] },
        { """{"name":"proxy-cache","config":{"strategy":"memory","memory":{"dictionary_name":"nope"}}}""", ["missing shared dict 'nope'"] },
    };

    [Theory]
    [MemberData(nameof(EntityErrors))]
    public async Task Entity_checks_are_refused_with_kongs_message(string plugin, string[] messages)
    {
        var errors = await PluginErrorsAsync(plugin);

        Assert.Equal(messages, errors.Where(e => e.Type == "entity").Select(e => e.Message));
    }

    [Fact]
    public async Task A_failed_conditional_names_the_field_and_the_condition()
    {
        var rateLimit = await PluginErrorsAsync("""{"name":"rate-limiting","config":{"minute":5,"limit_by":"header"}}""");
        var redis = await PluginErrorsAsync("""{"name":"rate-limiting","config":{"minute":5,"policy":"redis"}}""");
        var jwt = await PluginErrorsAsync("""{"name":"jwt","config":{"maximum_expiration":60,"claims_to_verify":["nbf"]}}""");

        Assert.Equal([("entity", null, "failed conditional validation given value of field 'config.limit_by'"), ("field", "config.header_name", "required field missing")], rateLimit);
        Assert.Contains(("field", "config.redis.host", "required field missing"), redis);
        Assert.Contains(("entity", null, "failed conditional validation given value of field 'config.policy'"), redis);
        Assert.Equal([("entity", null, "failed conditional validation given value of field 'config.maximum_expiration'"), ("field", "config.claims_to_verify", "expected to contain: exp")], jwt);
    }

    [Fact]
    public async Task Valid_configs_are_stored_with_every_default_filled_in()
    {
        await using var gw = await Gateway.StartAsync();
        var response = await gw.PostConfigAsync(Configs.Parse("""
            {"_format_version":"3.0","plugins":[
              {"name":"rate-limiting","config":{"minute":5,"redis_host":"redis.local"}},
              {"name":"cors"},
              {"name":"ip-restriction","config":{"deny":["10.0.0.0/8","2001:db8::/32"]}},
              {"name":"proxy-cache","config":{"strategy":"memory"}},
              {"name":"jwt","config":{"maximum_expiration":60}}
            ]}
            """));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);

        var plugins = (await gw.GetJsonAsync("/plugins"))["data"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!.AsObject());
        var rateLimit = plugins["rate-limiting"]["config"]!;
        Assert.Equal(("local", "consumer", -1, true, 429), (rateLimit["policy"]!.GetValue<string>(), rateLimit["limit_by"]!.GetValue<string>(),
            rateLimit["sync_rate"]!.GetValue<int>(), rateLimit["fault_tolerant"]!.GetValue<bool>(), rateLimit["error_code"]!.GetValue<int>()));
        Assert.Equal(("redis.local", 6379, 2000), (rateLimit["redis"]!["host"]!.GetValue<string>(), rateLimit["redis"]!["port"]!.GetValue<int>(), rateLimit["redis"]!["timeout"]!.GetValue<int>()));
        Assert.False(rateLimit.AsObject().ContainsKey("redis_host")); // the deprecated key moved under redis
        Assert.True(rateLimit.AsObject().ContainsKey("second") && rateLimit["second"] is null); // optional fields come back as null
        Assert.Equal(9, plugins["cors"]["config"]!["methods"]!.AsArray().Count);
        Assert.False(plugins["cors"]["config"]!["credentials"]!.GetValue<bool>());
        Assert.Equal(["http", "https", "tcp", "tls", "grpc", "grpcs"], plugins["ip-restriction"]["protocols"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(["grpc", "grpcs", "http", "https"], plugins["cors"]["protocols"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal([200, 301, 404], plugins["proxy-cache"]["config"]!["response_code"]!.AsArray().Select(c => c!.GetValue<int>()));
        Assert.Equal("kong_db_cache", plugins["proxy-cache"]["config"]!["memory"]!["dictionary_name"]!.GetValue<string>());
        Assert.True(plugins["proxy-cache"]["config"]!["response_headers"]!["X-Cache-Status"]!.GetValue<bool>());
        Assert.Equal(["authorization"], plugins["jwt"]["config"]!["header_names"]!.AsArray().Select(h => h!.GetValue<string>()));
        // the 201 body shows the same stored entities
        var created = JsonNode.Parse(body)!["plugins"]!.AsObject().Select(p => p.Value!).Single(p => p["name"]!.GetValue<string>() == "cors");
        Assert.Equal(9, created["config"]!["methods"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_plugin_without_a_schema_here_keeps_the_generic_checks_only()
    {
        await using var gw = await Gateway.StartAsync();
        // positive control: the same junk key in a checked plugin is refused
        Assert.Contains(("field", "config.junk", "unknown field"), await PluginErrorsAsync("""{"name":"cors","config":{"junk":1}}"""));

        var response = await gw.PostConfigAsync(Configs.Parse("""{"_format_version":"3.0","plugins":[{"name":"http-log","config":{"junk":1}}]}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_refused_plugin_carries_its_tags_so_the_controller_finds_its_object()
    {
        await using var gw = await Gateway.StartAsync();
        var config = Configs.ServiceWithRoute("""
            {"name":"default.ing.svc..80","paths":["/"],"tags":["k8s-name:ing","k8s-namespace:default","k8s-kind:Ingress"],
             "plugins":[{"name":"rate-limiting","config":{},"tags":["k8s-name:limits","k8s-namespace:default","k8s-kind:KongPlugin"]}]}
            """);

        var errors = await gw.RejectedAsync(config);

        var plugin = Configs.Errors(errors, "plugin");
        Assert.Equal(["k8s-name:limits", "k8s-namespace:default", "k8s-kind:KongPlugin"], plugin["entity_tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("rate-limiting", plugin["entity_name"]?.GetValue<string>() ?? plugin["entity"]!["name"]!.GetValue<string>());
        Assert.Equal([("entity", null, $"at least one of these fields must be non-empty: {AllPeriods}")], Configs.Messages(plugin));
    }

    private static async Task<List<(string Type, string? Field, string Message)>> PluginErrorsAsync(string pluginJson)
    {
        await using var gw = await Gateway.StartAsync();
        var errors = await gw.RejectedAsync(Configs.Parse($$"""{"_format_version":"3.0","plugins":[{{pluginJson}}]}"""));
        return Configs.Messages(Configs.Errors(errors, "plugin")).ToList();
    }
}
