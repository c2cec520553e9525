using System.Net;
using System.Text;
using k8s;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Tests.Sync;
using KongDashboard.Core.Translation;
using KongDashboard.EmbeddedCluster.KongGateway;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation.KongCrds;

/// <summary>KongCustomEntity end to end: the schema fetched from the embedded Kong 3.9, the translation pushed to it.</summary>
public class CustomEntityKongTests
{
    private const string Yaml = """
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongPlugin
        metadata: {name: limits, namespace: default}
        plugin: rate-limiting
        config: {minute: 5, policy: local}
        ---
        apiVersion: configuration.konghq.com/v1
        kind: KongConsumer
        metadata:
          name: alice
          namespace: default
          annotations: {kubernetes.io/ingress.class: kong, konghq.com/plugins: limits}
        username: alice
        ---
        apiVersion: configuration.konghq.com/v1alpha1
        kind: KongCustomEntity
        metadata: {name: alice-key, namespace: default}
        spec:
          controllerName: kong
          type: keyauth_credentials
          fields: {key: custom-entity-key-1, consumer: {id: 00000000-0000-0000-0000-000000000000}}
          parentRef: {group: configuration.konghq.com, kind: KongPlugin, name: limits}
        ---
        apiVersion: configuration.konghq.com/v1alpha1
        kind: KongCustomEntity
        metadata: {name: mystery, namespace: default}
        spec:
          controllerName: kong
          type: mystery_things
          fields: {a: b}
        """;

    [Fact]
    public async Task Schemas_fetched_from_kong_drive_the_translation_and_kong_accepts_the_entities()
    {
        await using var kong = await EmbeddedKongGateway.StartAsync(new KongGatewayOptions());
        using var http = new HttpClient { BaseAddress = kong.AdminAddress };
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var cache = new KongEntitySchemaCache(time);
        var snapshot = await cache.AttachAsync(Snapshot(Yaml), () => new HttpClient { BaseAddress = kong.AdminAddress }, CancellationToken.None);

        Assert.Equal("foreign", snapshot.EntitySchemas.Schemas["keyauth_credentials"]["fields"]![2]!["consumer"]!["type"]!.GetValue<string>());
        Assert.Equal("HTTP status 404 (message: \"No entity named 'mystery_things'\")", snapshot.EntitySchemas.Errors["mystery_things"]);
        // Unchanged answers keep the instance, so the controller does not translate an unchanged cluster again.
        Assert.Same(snapshot.EntitySchemas, (await cache.AttachAsync(Snapshot(Yaml), () => new HttpClient { BaseAddress = kong.AdminAddress }, CancellationToken.None)).EntitySchemas);

        var result = new Translator(new TranslatorOptions()).Translate(snapshot);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("failed to fetch entity schema for entity type mystery_things: HTTP status 404 (message: \"No entity named 'mystery_things'\")", failure.Message);
        var consumer = Assert.Single(result.Config.Consumers!);
        var key = Assert.Single(Assert.Single(result.Config.CustomEntities!).Entities);
        Assert.Equal(consumer.Id, key["consumer"]!["id"]!.GetValue<string>()); // the placeholder replaced by the plugin's consumer

        var response = await http.PostAsync("/config?check_hash=1&flatten_errors=1",
            new StringContent(KongConfigSerializer.ToJson(result.Config), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var keys = await http.GetStringAsync("/key-auths");
        Assert.Contains("custom-entity-key-1", keys, StringComparison.Ordinal);
        Assert.Contains(consumer.Id!, keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sync_side_asks_a_discovered_gateway_and_pushes_the_entities_to_it()
    {
        await using var fixture = await GatewayFixture.StartAsync(1);
        var withSchemas = await fixture.Sync.WithEntitySchemasAsync(Snapshot(Yaml), CancellationToken.None);
        Assert.True(withSchemas.EntitySchemas.Schemas.ContainsKey("keyauth_credentials"));
        Assert.False(Snapshot(Yaml).EntitySchemas.Schemas.ContainsKey("keyauth_credentials")); // positive control: fetched, not built in

        fixture.Sync.OnTranslation(withSchemas, new Translator(new TranslatorOptions()).Translate(withSchemas));
        await Eventually.True(
            () => fixture.Gateways[0].CurrentConfiguration?.ToJsonString().Contains("custom-entity-key-1", StringComparison.Ordinal) == true,
            "the gateway serves the custom entity");
    }

    [Fact]
    public async Task The_controller_fetches_the_schema_and_its_gateways_serve_an_applied_custom_entity()
    {
        await using var cluster = await TestCluster.StartAsync(seed: true, controllers: true);
        var options = new ControllerInstanceOptions
        {
            InstanceId = "kce-" + Guid.NewGuid().ToString("N")[..6],
            Connection = new ClusterConnection(ClusterMode.Embedded, cluster.Server.BaseAddress.ToString(), null, ControllerRole.Active),
            Kong = new KongSyncOptions { AdminService = "kong/kong-admin", StatusInterval = TimeSpan.FromMilliseconds(100) },
        };
        await using var instance = new ControllerInstance(options, cluster.Client, NullLoggerFactory.Instance);
        instance.Start();
        await Eventually.True(() => instance.State.Current.Sync.InSync == 2, "both seeded gateways in sync");

        foreach (var doc in YamlToJson.ParseDocuments(Yaml.Replace("namespace: default", "namespace: shop", StringComparison.Ordinal)))
        {
            var apiVersion = doc["apiVersion"]!.GetValue<string>().Split('/');
            var plural = doc["kind"]!.GetValue<string>() switch { "KongPlugin" => "kongplugins", "KongConsumer" => "kongconsumers", _ => "kongcustomentities" };
            await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(doc, apiVersion[0], apiVersion[1], "shop", plural);
        }

        var gateways = cluster.Server.KongGateways!.Gateways.Values.ToList();
        await Eventually.True(
            () => gateways.All(g => g.CurrentConfiguration?.ToJsonString().Contains("custom-entity-key-1", StringComparison.Ordinal) == true),
            "every gateway serves the custom entity");
        // The type Kong does not know is reported on its object, from the gateway's 404.
        await Eventually.True(
            () => instance.State.Current.Translation.Failures.Any(f => f.Message.EndsWith("HTTP status 404 (message: \"No entity named 'mystery_things'\")", StringComparison.Ordinal)),
            "the unknown type's failure");
    }

    [Fact]
    public async Task Kong_serves_entity_schemas_like_3_9()
    {
        await using var kong = await EmbeddedKongGateway.StartAsync(new KongGatewayOptions());
        using var http = new HttpClient { BaseAddress = kong.AdminAddress };
        var missing = await http.GetAsync("/schemas/mystery_things");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No entity named 'mystery_things'", System.Text.Json.Nodes.JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        var acls = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/schemas/acls"))!;
        Assert.Equal(["id", "created_at", "consumer", "group", "tags"], acls["fields"]!.AsArray().Select(f => f!.AsObject().Single().Key));
        Assert.Empty(acls["entity_checks"]!.AsArray());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.DeleteAsync("/schemas/acls")).StatusCode);
    }
}
