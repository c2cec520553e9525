using System.Net;
using System.Text;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation;
using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.EmbeddedCluster.Seed;

namespace KongDashboard.Core.Tests.Translation.GatewayApi;

/// <summary>The demo seed's Gateway API objects translate as intended and the embedded Kong 3.9 accepts the result.</summary>
public class DemoSeedGatewayApiTests
{
    private static TranslationResult TranslateSeed(bool expressions)
    {
        var yaml = string.Join("\n---\n", DemoSeed.Documents().Select(d => d.ToJsonString()));
        var snapshot = ManifestLoader.LoadText(yaml, "seed").ToSnapshot(out _);
        return new Translator(new TranslatorOptions
        {
            GatewayControllerName = GatewayApiYaml.KicController,
            FeatureGates = FeatureGates.Default with { ExpressionRoutes = expressions, GatewayAlpha = true },
        }).Translate(snapshot);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SeedRoutes_Translate_AndKongAcceptsThem(bool expressions)
    {
        var result = TranslateSeed(expressions);
        var services = result.Config.Services!.ToDictionary(s => s.Name!);

        var canary = services["httproute.shop.storefront-canary.0"];
        Assert.Contains("k8s-kind:HTTPRoute", canary.Tags!); // two backends: the HTTPRoute's tags
        Assert.Equal(["response-transformer", "request-transformer"], canary.Routes!.Single().Plugins!.Select(p => p.Name));
        var redirect = services["httproute.shop.storefront-canary.1"].Routes!.Single();
        Assert.Contains("request-termination", redirect.Plugins!.Select(p => p.Name));

        // The cross-namespace backend is allowed by the ReferenceGrant: Service tags, no 500 termination.
        var checkout = services["httproute.shop.checkout.0"];
        Assert.Contains("k8s-name:payments-api", checkout.Tags!);
        Assert.Null(checkout.Plugins);

        var broken = Assert.Single(result.Failures, f => f.CausingObjects.Any(o => o.Kind == "HTTPRoute"));
        Assert.Equal("HTTPRoute can't be routed: httpFilter RequestMirror unsupported", broken.Message);
        Assert.Equal(("media", "broken-mirror"), (broken.CausingObjects[0].Namespace, broken.CausingObjects[0].Name));
        Assert.DoesNotContain(services.Keys, k => k.Contains("broken-mirror", StringComparison.Ordinal));

        var grpc = services.Values.Single(s => s.Name!.StartsWith("grpcroute.media.thumbnails.", StringComparison.Ordinal));
        Assert.Equal("grpc", grpc.Protocol); // the Gateway has an HTTP listener
        var tcp = services["tcproute.internal.admin-tcp.0"].Routes!.Single();
        if (expressions)
        {
            Assert.Equal("net.dst.port == 9000", tcp.Expression);
        }
        else
        {
            Assert.Equal(9000, Assert.Single(tcp.Destinations!).Port);
        }

        await using var kong = await EmbeddedKongGateway.StartAsync(new KongGatewayOptions { RouterFlavor = expressions ? "expressions" : "traditional_compatible" });
        using var http = new HttpClient { BaseAddress = kong.AdminAddress };
        var response = await http.PostAsync("/config?check_hash=1&flatten_errors=1",
            new StringContent(KongConfigSerializer.ToJson(result.Config), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
