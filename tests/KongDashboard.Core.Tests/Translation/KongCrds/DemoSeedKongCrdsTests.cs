using System.Net;
using System.Text;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Tests.Translation.GatewayApi;
using KongDashboard.Core.Translation;
using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.EmbeddedCluster.Seed;

namespace KongDashboard.Core.Tests.Translation.KongCrds;

/// <summary>
/// The demo seed's KIC-specific objects (Seed/45-kong-crds.yaml) translate cleanly, the deliberately broken ones still
/// fail as before, and the embedded Kong 3.9 accepts the result.
/// </summary>
public class DemoSeedKongCrdsTests
{
    private static TranslationResult TranslateSeed() =>
        new Translator(new TranslatorOptions
        {
            GatewayControllerName = GatewayApiYaml.KicController,
            FeatureGates = FeatureGates.Default with { GatewayAlpha = true },
        }).Translate(ManifestLoader.LoadText(string.Join("\n---\n", DemoSeed.Documents().Select(d => d.ToJsonString())), "seed").ToSnapshot(out _));

    private static readonly string[] SeededKongCrdObjects =
        ["TCPIngress/legacy-crm", "KongConsumer/partner-app", "KongConsumerGroup/partners", "KongIngress/billing-sticky",
         "Service/billing-sticky", "KongPlugin/cors-public", "Ingress/media-embed", "ReferenceGrant/media-ingresses-to-cors", "Secret/partner-app-key"];

    [Fact]
    public void Each_seeded_kic_object_produces_its_kong_entities()
    {
        var result = TranslateSeed();
        var services = result.Config.Services!.ToDictionary(s => s.Name!);

        // TCPIngress: a tcp service with one tcp/tls route on port 9001, targets from the hand-written EndpointSlice.
        var tcp = services["internal.legacy-crm.80"];
        Assert.Equal("tcp", tcp.Protocol);
        var tcpRoute = Assert.Single(tcp.Routes!);
        Assert.Equal("internal.legacy-crm.0", tcpRoute.Name);
        Assert.Equal(["tcp", "tls"], tcpRoute.Protocols);
        Assert.Equal(9001, Assert.Single(tcpRoute.Destinations!).Port);
        Assert.Contains("k8s-kind:TCPIngress", tcpRoute.Tags!);
        var crmUpstream = result.Config.Upstreams!.Single(u => u.Name == tcp.Host);
        Assert.Equal("192.168.10.20:8080", Assert.Single(crmUpstream.Targets!).Target);

        // KongConsumer in a KongConsumerGroup with a key-auth credential from a labelled Secret.
        var consumer = result.Config.Consumers!.Single(c => c.Username == "partner-app");
        Assert.Equal(SeededKey(), Assert.Single(consumer.KeyauthCredentials!)["key"]!.ToString());
        var group = result.Config.ConsumerGroups!.Single(g => g.Name == "partners");
        Assert.Contains("k8s-kind:KongConsumerGroup", group.Tags!);
        Assert.Contains(new KongConsumerGroupConsumer(consumer.Id, "partners"), result.Config.ConsumerGroupConsumers!);

        // KongIngress upstream section through konghq.com/override on the Service.
        var sticky = result.Config.Upstreams!.Single(u => u.Name == services["payments.billing-sticky.80"].Host);
        Assert.Equal(("consistent-hashing", "header", "X-Account-Id"), (sticky.Algorithm, sticky.HashOn, sticky.HashOnHeader));
        var plainBilling = result.Config.Upstreams!.Single(u => u.Name == services["payments.billing.80"].Host);
        Assert.Null(plainBilling.HashOn); // positive control: the override is what set it

        // Cross-namespace plugin allowed by the ReferenceGrant in the plugin's namespace: one cors instance on the route.
        var embedRoute = services["media.media-streamer.80"].Routes!.Single(r => r.Name!.StartsWith("media.media-embed.", StringComparison.Ordinal));
        var cors = result.Config.Plugins!.Single(p => p.Name == "cors");
        Assert.Equal(embedRoute.Name, cors.Route);
        Assert.Contains("k8s-namespace:kong", cors.Tags!);

        Assert.DoesNotContain(result.Failures, f => f.CausingObjects.Any(o => SeededKongCrdObjects.Contains($"{o.Kind}/{o.Name}")));
    }

    [Fact]
    public void The_seeds_deliberately_broken_objects_still_fail_and_nothing_else_does()
    {
        var failures = TranslateSeed().Failures;
        Assert.Equal(
            ["HTTPRoute media/broken-mirror", "Ingress internal/broken-reports"],
            failures.SelectMany(f => f.CausingObjects).Select(o => $"{o.Kind} {o.Namespace}/{o.Name}").Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Embedded_kong_accepts_the_seeds_translation()
    {
        var result = TranslateSeed();
        Assert.NotEmpty(result.Config.ConsumerGroupConsumers!);
        await using var kong = await EmbeddedKongGateway.StartAsync(new KongGatewayOptions());
        using var http = new HttpClient { BaseAddress = kong.AdminAddress };
        var response = await http.PostAsync("/config?check_hash=1&flatten_errors=1",
            new StringContent(KongConfigSerializer.ToJson(result.Config), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var routes = await http.GetStringAsync("/routes?tags=k8s-kind:TCPIngress");
        Assert.Contains("internal.legacy-crm.0", routes, StringComparison.Ordinal);
    }

    /// <summary>The key-auth value stored in the seeded Secret (base64 in <c>data.key</c>).</summary>
    internal static string SeededKey()
    {
        var secret = DemoSeed.Documents().Single(d => d["kind"]?.ToString() == "Secret" && d["metadata"]!["name"]!.ToString() == "partner-app-key");
        return Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["key"]!.ToString()));
    }
}
