using System.Net;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

public sealed class ValidationTests
{
    private static async Task<JsonArray> RejectAsync(JsonObject config, KongGatewayOptions? options = null)
    {
        await using var gw = await Gateway.StartAsync(options);
        var errors = await gw.RejectedAsync(config);
        Assert.Equal("00000000000000000000000000000000", gw.Kong.ConfigurationHash);
        return errors;
    }

    [Fact]
    public async Task Route_path_errors_name_the_entity_and_field()
    {
        var errors = await RejectAsync(Configs.ServiceWithRoute("""{"name":"bad-route","paths":["foo","~/(unclosed"],"tags":["k8s-name:ing","k8s-namespace:default"]}"""));

        var route = Configs.Errors(errors, "route");
        Assert.Equal("bad-route", route["entity_name"]!.GetValue<string>());
        Assert.Equal(["k8s-name:ing", "k8s-namespace:default"], route["entity_tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("edc1d53e-73b4-5932-9455-0e01f0d53e3f", route["entity"]!["service"]!["id"]!.GetValue<string>());
        var messages = Configs.Messages(route).ToList();
        Assert.Contains(("field", "paths.1", "should start with: / (fixed path) or ~/ (regex path)"), messages);
        Assert.Contains(messages, m => m.Field == "paths.2" && m.Message.StartsWith("invalid regex: '/(unclosed' (PCRE returned: pcre2_compile() failed: missing closing parenthesis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Route_needs_a_matching_attribute()
    {
        var errors = await RejectAsync(Configs.ServiceWithRoute("""{"name":"empty"}"""));
        Assert.Contains(("entity", null, "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'"), Configs.Messages(Configs.Errors(errors, "route")));

        errors = await RejectAsync(Configs.ServiceWithRoute("""{"name":"empty","protocols":["http"]}"""));
        Assert.Contains(("entity", null, "must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http'"), Configs.Messages(Configs.Errors(errors, "route")));
    }

    [Fact]
    public async Task Expressions_flavor_requires_a_parseable_expression()
    {
        var options = new KongGatewayOptions { RouterFlavor = "expressions" };
        var errors = await RejectAsync(Configs.ServiceWithRoute("""{"name":"e1","expression":"(http.path == \"/a\""}"""), options);
        Assert.Contains(Configs.Messages(Configs.Errors(errors, "route")), m => m.Message.StartsWith("Router Expression failed validation:", StringComparison.Ordinal));

        errors = await RejectAsync(Configs.ServiceWithRoute("""{"name":"e2","paths":["/a"]}"""), options);
        var messages = Configs.Messages(Configs.Errors(errors, "route")).ToList();
        Assert.Contains(("field", "expression", "required field missing"), messages);
        Assert.Contains(("field", "paths", "unknown field"), messages);
    }

    [Fact]
    public async Task Service_fields_are_range_checked()
    {
        var config = Configs.Parse("""
            {"_format_version":"3.0","services":[{"name":"bad svc","host":"a.example.com:80","port":70000,"protocol":"htp","connect_timeout":0,"retries":-1,"path":"x"}]}
            """);
        var messages = Configs.Messages(Configs.Errors(await RejectAsync(config), "service")).ToList();
        Assert.Contains(("field", "name", "invalid value 'bad svc': it must only contain alphanumeric and '., -, _, ~' characters"), messages);
        Assert.Contains(("field", "host", "must not have a port"), messages);
        Assert.Contains(("field", "port", "value should be between 0 and 65535"), messages);
        Assert.Contains(("field", "protocol", "expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp"), messages);
        Assert.Contains(("field", "connect_timeout", "value should be between 1 and 2147483646"), messages);
        Assert.Contains(("field", "retries", "value should be between 0 and 32767"), messages);
        Assert.Contains(("field", "path", "should start with: /"), messages);
    }

    [Fact]
    public async Task Upstream_values_are_checked()
    {
        var config = Configs.Parse("""
            {"_format_version":"3.0","upstreams":[{"name":"u1","algorithm":"random","hash_on":"header","slots":5,"targets":[{"target":"not a host!"}]}]}
            """);
        var errors = await RejectAsync(config);
        var upstream = Configs.Messages(Configs.Errors(errors, "upstream")).ToList();
        Assert.Contains(("field", "algorithm", "expected one of: consistent-hashing, least-connections, round-robin, latency, sticky-sessions"), upstream);
        Assert.Contains(("field", "slots", "value should be between 10 and 65536"), upstream);
        Assert.Contains(("field", "hash_on_header", "required field missing"), upstream);
        Assert.Contains(("field", "target", "Invalid target ('not a host!'); not a valid hostname or ip address"), Configs.Messages(Configs.Errors(errors, "target")));
    }

    [Fact]
    public async Task Certificates_must_parse_and_snis_be_hostnames()
    {
        var config = Configs.Parse("""
            {"_format_version":"3.0","certificates":[{"id":"c6ac927c-4f5a-4e88-8b5d-c7b01d0f43af","cert":"nope","key":"nope","snis":[{"name":"a.*.com"},{"name":"*.a.*"}]}]}
            """);
        var errors = await RejectAsync(config);
        var cert = Configs.Messages(Configs.Errors(errors, "certificate")).ToList();
        Assert.Contains(cert, m => m.Field == "cert" && m.Message.StartsWith("invalid certificate:", StringComparison.Ordinal));
        Assert.Contains(cert, m => m.Field == "key" && m.Message.StartsWith("invalid key:", StringComparison.Ordinal));
        var snis = errors.Where(e => e!["entity_type"]!.GetValue<string>() == "sni").SelectMany(e => Configs.Messages(e!.AsObject())).ToList();
        Assert.Contains(("field", "name", "wildcard must be leftmost or rightmost character"), snis);
        Assert.Contains(("field", "name", "only one wildcard must be specified"), snis);
    }

    [Fact]
    public async Task Mismatched_key_is_refused()
    {
        var (certA, _) = TestCertificates.Create("a.example.com");
        var (_, keyB) = TestCertificates.Create("b.example.com");
        var config = new JsonObject { ["_format_version"] = "3.0", ["certificates"] = new JsonArray(new JsonObject { ["cert"] = certA, ["key"] = keyB }) };
        Assert.Contains(("entity", null, "certificate does not match key"), Configs.Messages(Configs.Errors(await RejectAsync(config), "certificate")));

        var (cert, key) = TestCertificates.Create("ok.example.com");
        await using var gw = await Gateway.StartAsync();
        var ok = new JsonObject { ["_format_version"] = "3.0", ["certificates"] = new JsonArray(new JsonObject { ["cert"] = cert, ["key"] = key, ["snis"] = new JsonArray(new JsonObject { ["name"] = "ok.example.com" }) }) };
        Assert.Equal(HttpStatusCode.Created, (await gw.PostConfigAsync(ok)).StatusCode);
        Assert.Equal("ok.example.com", (await gw.GetJsonAsync("/certificates"))["data"]![0]!["snis"]![0]!.GetValue<string>());
        Assert.Single((await gw.GetJsonAsync("/snis"))["data"]!.AsArray());
    }

    [Fact]
    public async Task Plugins_must_be_bundled_and_consumers_identified()
    {
        var config = Configs.Parse("""
            {"_format_version":"3.0",
             "plugins":[{"name":"not-a-plugin","config":{}},{"name":"rate-limiting","config":"minute=5"}],
             "consumers":[{"tags":["k8s-name:c"]}]}
            """);
        var errors = await RejectAsync(config);
        var plugins = errors.Select(e => e!.AsObject()).Where(e => e["entity_type"]!.GetValue<string>() == "plugin").SelectMany(Configs.Messages).ToList();
        Assert.Contains(("field", "name", "plugin 'not-a-plugin' not enabled; add it to the 'plugins' configuration property"), plugins);
        Assert.Contains(("field", "config", "expected a record"), plugins);
        Assert.Contains(("entity", null, "at least one of these fields must be non-empty: 'custom_id', 'username'"), Configs.Messages(Configs.Errors(errors, "consumer")));
    }

    [Fact]
    public async Task Several_errors_are_collected_at_once()
    {
        var config = Configs.Parse("""
            {"_format_version":"3.0",
             "services":[{"name":"s1","host":"ok.example.com","port":-1,"routes":[{"name":"r1","paths":["nope"]},{"name":"r2","methods":["get"],"hosts":["*.*.x"]}]}],
             "upstreams":[{"name":"u1","slots":1}]}
            """);
        var errors = await RejectAsync(config);
        Assert.Equal(["route", "route", "service", "upstream"], errors.Select(e => e!["entity_type"]!.GetValue<string>()));
        var r2 = errors[1]!.AsObject();
        Assert.Contains(("field", "methods.1", "invalid value: get"), Configs.Messages(r2));
        Assert.Contains(("field", "hosts.1", "invalid wildcard: must have at most one wildcard"), Configs.Messages(r2));
    }

    [Fact]
    public async Task Format_version_is_required()
    {
        await using var gw = await Gateway.StartAsync();
        var r = await gw.PostConfigAsync(Configs.Parse("""{"services":[]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.Equal("required field missing", body["fields"]!["_format_version"]!.GetValue<string>());
        Assert.Equal("declarative config is invalid: {_format_version=\"required field missing\"}", body["message"]!.GetValue<string>());

        r = await gw.PostConfigAsync(Configs.Parse("""{"_format_version":"4.0"}"""));
        body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.Equal("expected one of: 1.1, 2.1, 3.0", body["fields"]!["_format_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Names_ids_and_references_must_resolve()
    {
        var config = Configs.Parse("""
            {"_format_version":"3.0",
             "services":[{"name":"dup","host":"a.example.com"},{"name":"dup","host":"b.example.com"}],
             "routes":[{"name":"r1","paths":["/"],"service":"missing"}],
             "plugins":[{"name":"cors","route":"nope"}],
             "consumers":[{"username":"u"},{"username":"u"}]}
            """);
        var errors = await RejectAsync(config);
        var all = errors.Select(e => (Type: e!["entity_type"]!.GetValue<string>(), Messages: Configs.Messages(e.AsObject()).Select(m => m.Message).ToList())).ToList();
        Assert.Contains(all, e => e.Type == "service" && e.Messages.Contains("uniqueness violation: 'services' entity with name set to 'dup' already declared"));
        Assert.Contains(all, e => e.Type == "consumer" && e.Messages.Contains("uniqueness violation: 'consumers' entity with username set to 'u' already declared"));
        Assert.Contains(all, e => e.Type == "route" && e.Messages.Contains("invalid reference 'service: missing' (no such entry in 'services')"));
        Assert.Contains(all, e => e.Type == "plugin" && e.Messages.Contains("invalid reference 'route: nope' (no such entry in 'routes')"));
    }

    [Fact]
    public async Task Broken_entity_is_refused_on_first_push_only()
    {
        await using var gw = await Gateway.StartAsync(new KongGatewayOptions { IsBrokenEntity = tags => tags.Contains("k8s-name:ing") });
        var errors = await gw.RejectedAsync(Configs.ServiceWithRoute());
        Assert.Contains(("entity", null, "broken object"), Configs.Messages(Configs.Errors(errors, "route")));

        Assert.Equal(HttpStatusCode.Created, (await gw.PostConfigAsync(Configs.ServiceWithRoute())).StatusCode);
    }

    [Fact]
    public async Task Without_flatten_errors_the_nested_error_table_is_returned()
    {
        await using var gw = await Gateway.StartAsync();
        var r = await gw.PostConfigAsync(Configs.ServiceWithRoute("""{"name":"x","paths":["nope"]}"""), "");
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.Null(body["flattened_errors"]);
        Assert.Equal("should start with: / (fixed path) or ~/ (regex path)", body["fields"]!["services"]!["1"]!["routes"]!["1"]!["paths"]!["1"]!.GetValue<string>());
    }
}
