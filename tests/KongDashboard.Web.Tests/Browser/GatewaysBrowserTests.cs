using System.Diagnostics;
using System.Globalization;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class GatewaysBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    static GatewaysBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task A_restarted_gateway_returns_to_in_sync_with_its_restart_count_incremented()
    {
        var fleet = fixture.App.Services.EmbeddedServer().KongGateways!;
        output.WriteLine(await fixture.App.MakeTheDashboardsReplicaLeadAsync("gateways browser test") ?? "the dashboard's replica leads");
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("gateways");
        var page = session.Page;

        // Every embedded gateway (two, unless another test scaled the Deployment) is listed and reaches In sync.
        var gateways = fleet.Gateways.Count;
        Assert.True(gateways >= 2, $"expected the seed's two gateways, found {gateways}");
        await Expect(page.GetByTestId("gateway-name")).ToHaveCountAsync(gateways, new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-testid=gateway-sync][data-state=InSync]")).ToHaveCountAsync(gateways, new() { Timeout = 20_000 });

        var (ns, pod) = fleet.Gateways.Keys.Order(StringComparer.Ordinal).Select(k => k.Split('/')).Select(p => (p[0], p[1])).First();
        var row = page.Locator("[data-testid=gateway-grid] tbody tr").Filter(new() { Has = page.GetByTestId("gateway-name").Filter(new() { HasText = pod }) });
        var restarts = int.Parse(await row.GetByTestId("gateway-restarts").InnerTextAsync(), CultureInfo.InvariantCulture);

        var restartedAt = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        fleet.RestartPod(ns, pod);

        // In sync again means: a push that happened after the restart, and Kong serving it.
        await Expect(row.GetByTestId("gateway-restarts")).ToHaveTextAsync((restarts + 1).ToString(CultureInfo.InvariantCulture));
        await Eventually.HoldsAsync(async () =>
        {
            var at = long.Parse(await row.GetByTestId("last-push-result").GetAttributeAsync("data-at") ?? "0", CultureInfo.InvariantCulture);
            Assert.True(at >= restartedAt.ToUnixTimeMilliseconds(), "no push since the restart yet");
            Assert.Equal("InSync", await row.GetByTestId("gateway-sync").GetAttributeAsync("data-state"));
        });
        var elapsed = stopwatch.Elapsed;

        output.WriteLine($"restart→in sync (re-pushed, visible on /gateways): {elapsed.TotalMilliseconds:0} ms");
        await Expect(page.Locator("[data-testid=gateway-sync][data-state=InSync]")).ToHaveCountAsync(gateways);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"the restarted gateway took {elapsed.TotalMilliseconds:0} ms to be in sync again");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_live_update_of_a_row_keeps_its_text_selection_and_the_focus_on_its_button()
    {
        var fleet = fixture.App.Services.EmbeddedServer().KongGateways!;
        output.WriteLine(await fixture.App.MakeTheDashboardsReplicaLeadAsync("gateways browser test") ?? "the dashboard's replica leads");
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("gateways");
        var page = session.Page;
        // The oldest gateway pod: another test in this shared app may have scaled the gateways up, and a scale-down
        // removes the newest pods first (as a ReplicaSet does), which would take a newer pod's row away mid-test.
        var api = fixture.App.Services.EmbeddedServer();
        using var client = new Kubernetes(api.ClientConfiguration());
        var gatewayPods = new List<k8s.Models.V1Pod>();
        foreach (var key in fleet.Gateways.Keys)
        {
            var (ns, name) = (key.Split('/')[0], key.Split('/')[1]);
            gatewayPods.Add(await client.CoreV1.ReadNamespacedPodAsync(name, ns));
        }

        var pod = gatewayPods.OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).First().Metadata.Name;
        var row = page.Locator("[data-testid=gateway-grid] tbody tr").Filter(new() { Has = page.GetByTestId("gateway-name").Filter(new() { HasText = pod }) });
        var button = row.GetByTestId("resync-gateway");
        // The prerendered page is replaced by the circuit's first render; the layout marks <html> once it is interactive.
        await Expect(page.Locator("html[data-kd-shortcuts=on]")).ToHaveCountAsync(1);
        await Expect(button).ToBeEnabledAsync(new() { Timeout = 20_000 });
        await Expect(row.GetByTestId("last-push-result")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var pushedAt = await row.GetByTestId("last-push-result").GetAttributeAsync("data-at");

        // Positive controls: the button has focus and the pod name is selected (as a user copying it would), and each
        // element is marked so that the same element, not a re-created twin, is recognised afterwards.
        await button.FocusAsync();
        await Expect(button).ToBeFocusedAsync();
        var selected = await row.Locator(".kd-name").EvaluateAsync<string>(
            """
            n => {
                const range = document.createRange();
                range.selectNodeContents(n);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                n.dataset.kdMark = 'selected';
                document.activeElement.dataset.kdMark = 'focused';
                return selection.toString();
            }
            """);
        Assert.Equal(pod, selected);

        // A live update of this very row: a new Ingress is pushed to every gateway, so the row's last push changes.
        // (Not a container restart: the restarting pod turns unready and leaves discovery, so its row goes and comes back.)
        await client.NetworkingV1.CreateNamespacedIngressAsync(TestIngresses.Storefront($"keep-{Guid.NewGuid():N}"[..13]), "shop");
        await Expect(row.GetByTestId("last-push-result")).Not.ToHaveAttributeAsync("data-at", pushedAt!, new() { Timeout = 15_000 });

        var after = await page.EvaluateAsync<string[]>(
            "() => [window.getSelection().toString(), document.activeElement?.dataset?.kdMark ?? document.activeElement?.tagName ?? '', String(document.querySelector('[data-kd-mark=selected]')?.isConnected ?? false)]");
        Assert.Equal([pod, "focused", "true"], after);
        Assert.Empty(session.Errors);
    }
}
