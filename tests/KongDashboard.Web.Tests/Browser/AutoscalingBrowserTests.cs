using System.Diagnostics;
using k8s;
using k8s.Models;
using KongDashboard.EmbeddedCluster;
using KongDashboard.EmbeddedCluster.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AutoscalingBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Raising_the_load_with_the_page_control_scales_the_kong_gateways_up()
    {
        var api = fixture.App.Services.EmbeddedServer();
        await using var session = await fixture.NewSessionAsync();
        try
        {
            await session.GotoAsync("autoscaling");
            await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Autoscaling" })).ToBeVisibleAsync();
            await Expect(session.Page.GetByTestId("hpa-name")).ToHaveTextAsync("kong/kong-gateway");
            await Expect(session.Page.GetByTestId("hpa-desired")).ToHaveTextAsync("2", new() { Timeout = 15_000 });

            var clock = Stopwatch.StartNew();
            await session.Page.GetByLabel("Requests per second", new() { Exact = true }).FillAsync("1000");
            await session.Page.GetByTestId("apply-load").ClickAsync();
            await Expect(session.Page.GetByTestId("load-outcome")).ToContainTextAsync("1000 rps");

            // Seed HPA: sync every 3 s, scale-up period 15 s allowing max(4 pods, 100 %): 2 → 6 in one step.
            await Expect(session.Page.GetByTestId("hpa-desired")).ToHaveTextAsync("6", new() { Timeout = 20_000 });
            await Expect(session.Page.GetByTestId("hpa-current")).ToHaveTextAsync("6", new() { Timeout = 20_000 });
            await Expect(session.Page.GetByTestId("event-row").First).ToContainTextAsync("New size: 6", new() { Timeout = 15_000 });
            output.WriteLine($"load raised → page shows 6 current replicas after {clock.ElapsedMilliseconds} ms");
            Assert.Empty(session.Errors);
        }
        finally
        {
            // Other browser tests share this app: give the demo its seed load back.
            using var client = new k8s.Kubernetes(api.ClientConfiguration());
            await client.CoreV1.PatchNamespacedConfigMapAsync(
                new V1Patch(new V1ConfigMap { Data = new Dictionary<string, string> { [LoadModel.RequestsPerSecondKey] = "200" } }, V1Patch.PatchType.MergePatch),
                LoadModel.ConfigMapName, "kong");
        }
    }
}
