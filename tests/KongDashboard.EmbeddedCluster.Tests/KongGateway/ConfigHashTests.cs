using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

/// <summary>
/// kong/api/routes/config.lua:42-67,121-134 and kong/db/declarative/init.lua:106-152,216-239, import.lua:270-273,433-435:
/// which hash Kong stores after a load, and when check_hash answers 304.
/// </summary>
public sealed class ConfigHashTests
{
    private const string Zeros = "00000000000000000000000000000000";

    private static readonly string Compact = """{"_format_version":"3.0","services":[{"name":"s1","host":"example.com"}]}""";

    // the same configuration: other key order, other white space
    private static readonly string Spaced = """
        {
          "services": [ { "host": "example.com", "name": "s1" } ],
          "_format_version": "3.0"
        }
        """;

    [Fact]
    public async Task A_json_body_with_format_version_is_loaded_again_even_with_check_hash()
    {
        await using var gw = await Gateway.StartAsync();
        var loads = 0;
        gw.Kong.ConfigurationApplied += _ => loads++;

        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync(gw, Compact, "?check_hash=1")).StatusCode);
        var again = await PostJsonAsync(gw, Compact, "?check_hash=1");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(2, loads);
        Assert.Contains("\"s1\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_push_is_hashed_by_its_flattened_entities_stamped_at_each_load()
    {
        var clock = new SteppedClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var gw = await Gateway.StartAsync(new KongGatewayOptions { Time = clock });

        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync(gw, Compact)).StatusCode);
        var first = gw.Kong.ConfigurationHash;
        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync(gw, Spaced)).StatusCode);
        var sameEntities = gw.Kong.ConfigurationHash;
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync(gw, Compact)).StatusCode);
        var laterSecond = gw.Kong.ConfigurationHash;

        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.NotEqual(Zeros, first);
        Assert.NotEqual(Md5(Compact), first); // not the bytes ...
        Assert.Equal(first, sameEntities); // ... the entities: key order and white space do not count
        Assert.NotEqual(first, laterSecond); // Kong stamps created_at/updated_at at every load, and hashes them
        Assert.Equal(laterSecond, (await gw.GetJsonAsync("/status"))["configuration_hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_configuration_text_is_hashed_as_sent_and_the_same_text_gets_304()
    {
        await using var gw = await Gateway.StartAsync();
        var yaml = "_format_version: \"3.0\"\nservices:\n- name: s1\n  host: example.com\n";
        var loads = 0;
        gw.Kong.ConfigurationApplied += _ => loads++;

        Assert.Equal(HttpStatusCode.Created, (await PostFormAsync(gw, yaml)).StatusCode);
        Assert.Equal(Md5(yaml), gw.Kong.ConfigurationHash);
        var again = await PostFormAsync(gw, yaml);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(1, loads);
        // the same text in a JSON "config" field, and as a raw YAML body, is the same md5
        Assert.Equal(HttpStatusCode.NotModified, (await PostJsonAsync(gw, new JsonObject { ["config"] = yaml }.ToJsonString(), "?check_hash=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await gw.Http.PostAsync("/config?check_hash=1", new StringContent(yaml, Encoding.UTF8, "application/yaml"))).StatusCode);
        // check_hash must be exactly "1" (config.lua:76)
        Assert.Equal(HttpStatusCode.Created, (await gw.Http.PostAsync("/config?check_hash=true", new FormUrlEncodedContent([new("config", yaml)]))).StatusCode);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task An_empty_configuration_stores_the_zero_hash_and_makes_kong_not_ready()
    {
        await using var gw = await Gateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gw.PostConfigAsync(Configs.ServiceWithRoute())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Http.GetAsync("/status/ready")).StatusCode);
        Assert.NotEqual(Zeros, gw.Kong.ConfigurationHash);

        foreach (var empty in new[] { """{"_format_version":"3.0"}""", """{"_format_version":"3.0","services":[],"upstreams":[]}""" })
        {
            var response = await PostJsonAsync(gw, empty);

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("{}", await response.Content.ReadAsStringAsync());
            Assert.Equal(Zeros, gw.Kong.ConfigurationHash);
            var status = await gw.GetJsonAsync("/status");
            Assert.Equal(Zeros, status["configuration_hash"]!.GetValue<string>());
            Assert.False(status.ContainsKey("database"));
            var ready = await gw.Http.GetAsync("/status/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("no configuration available (empty configuration present)", JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
            Assert.Empty((await gw.GetJsonAsync("/services"))["data"]!.AsArray());
        }
    }

    [Fact]
    public async Task An_empty_configuration_text_is_never_answered_304()
    {
        await using var gw = await Gateway.StartAsync();
        var empty = "_format_version: \"3.0\"\n";

        var first = await PostFormAsync(gw, empty);
        var second = await PostFormAsync(gw, empty);

        // its md5 is not what is stored: an empty configuration stores zeros (import.lua:433-435)
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(Zeros, gw.Kong.ConfigurationHash);
    }

    private static Task<HttpResponseMessage> PostJsonAsync(Gateway gw, string json, string query = "?check_hash=1&flatten_errors=1") =>
        gw.Http.PostAsync("/config" + query, new StringContent(json, Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> PostFormAsync(Gateway gw, string config) =>
        gw.Http.PostAsync("/config?check_hash=1", new FormUrlEncodedContent([new("config", config)]));

    private static string Md5(string text) =>
#pragma warning disable CA5351 // Kong's configuration hash is md5
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    /// <summary>A clock that stands still until told to move.</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
