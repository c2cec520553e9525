using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using KongDashboard.Actions;
using KongDashboard.Audit;
using KongDashboard.Core.Controller;
using KongDashboard.EmbeddedCluster;
using KongDashboard.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
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
        await MakeTheDashboardsReplicaLeadAsync();
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

    /// <summary>
    /// The embedded cluster runs three controller replicas and only the leader pushes; the page shows the replica the
    /// dashboard follows, so hand the Lease to it first (a follower cannot tell whether a gateway is in sync).
    /// </summary>
    private async Task MakeTheDashboardsReplicaLeadAsync()
    {
        var feed = fixture.App.Services.GetRequiredService<IStateFeed<ControllerState>>();
        using var scope = fixture.App.Services.CreateScope();
        // Actions are authorized and audited per caller; outside a circuit, say who asks (an Admin).
        scope.ServiceProvider.GetRequiredService<ActionCaller>().Set(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "gateways browser test"), new Claim(ClaimTypes.Role, DashboardRoles.Admin)], "test")),
            "127.0.0.1");
        var actions = scope.ServiceProvider.GetRequiredService<IDashboardActions>();
        await Eventually.HoldsAsync(() =>
        {
            Assert.Equal(ControllerRole.Active, feed.Current.Connection.Role);
            Assert.NotEmpty(feed.Current.Sync.Gateways);
            return Task.CompletedTask;
        }, 20_000);
        if (!feed.Current.Sync.Enabled)
        {
            var outcome = await actions.RunAsync(new HandOffAction(feed.Current.InstanceId));
            output.WriteLine($"hand-off to {feed.Current.InstanceId}: {outcome.Message}");
        }

        await Eventually.HoldsAsync(() =>
        {
            Assert.True(feed.Current.Sync.Enabled, $"the dashboard's replica does not push: {feed.Current.Sync.DisabledReason}");
            return Task.CompletedTask;
        }, 30_000);
    }
}
