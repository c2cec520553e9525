using System.Diagnostics;
using k8s;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Status;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Gateway API routes on the dashboard: an HTTPRoute applied to the cluster shows up live, and is applied on every gateway.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GatewayApiBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    static GatewayApiBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task An_httproute_created_in_the_cluster_appears_on_an_open_translation_page_and_reaches_every_gateway()
    {
        var api = fixture.App.Services.EmbeddedServer();
        using var client = new Kubernetes(api.ClientConfiguration());
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("translation?kind=HTTPRoute");
        // Positive control: the seed's HTTPRoutes are listed under the kind filter, and nothing of another kind.
        await Expect(session.Page.GetByTestId("row-kind").First).ToHaveTextAsync("HTTPRoute");
        await Expect(session.Page.GetByTestId("row-kind").Filter(new() { HasNotText = "HTTPRoute" })).ToHaveCountAsync(0);

        var name = $"live-{Guid.NewGuid():N}"[..16];
        var stopwatch = Stopwatch.StartNew();
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(HttpRoute(name), "gateway.networking.k8s.io", "v1", "shop", "httproutes");
        await Expect(session.Page.GetByTestId("ingress-name").Filter(new() { HasText = name })).ToBeVisibleAsync();
        output.WriteLine($"HTTPRoute create→visible: {stopwatch.Elapsed.TotalMilliseconds:0} ms");

        // Its route reaches every gateway: the status model says Applied on all of them.
        var feed = fixture.App.Services.GetRequiredService<IStateFeed<ControllerState>>();
        await Eventually.HoldsAsync(() =>
        {
            var status = feed.Current.Status.Get("HTTPRoute", "shop", name);
            Assert.NotNull(status);
            Assert.Equal(ObjectState.Applied, status.State);
            Assert.True(status.Gateways > 0 && status.AppliedOn == status.Gateways, status.Label);
            return Task.CompletedTask;
        }, timeoutMs: 15_000);

        await session.Page.GetByTestId("ingress-name").Filter(new() { HasText = name }).ClickAsync();
        await Expect(session.Page.GetByTestId("detail-kind")).ToHaveTextAsync("HTTPRoute");
        await Expect(session.Page.GetByTestId("kong-yaml")).ToContainTextAsync($"httproute.shop.{name}");
        Assert.Empty(session.Errors);
    }

    private static object HttpRoute(string name) => new Dictionary<string, object>
    {
        ["apiVersion"] = "gateway.networking.k8s.io/v1",
        ["kind"] = "HTTPRoute",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["namespace"] = "shop" },
        ["spec"] = new Dictionary<string, object>
        {
            ["parentRefs"] = new[] { new Dictionary<string, object> { ["name"] = "kong", ["namespace"] = "kong", ["sectionName"] = "http" } },
            ["hostnames"] = new[] { $"{name}.example.com" },
            ["rules"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["backendRefs"] = new[] { new Dictionary<string, object> { ["name"] = "storefront", ["kind"] = "Service", ["port"] = 80 } },
                },
            },
        },
    };
}
