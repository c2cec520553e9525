using System.Text.RegularExpressions;
using k8s;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>A resync says when the push it triggered has landed, not only that it started.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResyncFinishedBrowserTests(BrowserFixture fixture)
{
    static ResyncFinishedBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task A_resync_of_one_gateway_ends_with_a_finished_toast_naming_the_applied_config()
    {
        await fixture.App.MakeTheDashboardsReplicaLeadAsync("resync browser test");
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("gateways");
        var page = session.Page;

        // The oldest gateway pod: another test may scale the gateways down, which removes the newest pods first.
        var fleet = fixture.App.Services.EmbeddedServer().KongGateways!;
        using var client = new Kubernetes(fixture.App.Services.EmbeddedServer().ClientConfiguration());
        var pods = new List<k8s.Models.V1Pod>();
        foreach (var key in fleet.Gateways.Keys)
        {
            pods.Add(await client.CoreV1.ReadNamespacedPodAsync(key.Split('/')[1], key.Split('/')[0]));
        }

        var pod = pods.OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).First().Metadata.Name;
        var row = page.Locator("[data-testid=gateway-grid] tbody tr").Filter(new() { Has = page.GetByTestId("gateway-name").Filter(new() { HasText = pod }) });
        var button = row.GetByTestId("resync-gateway");
        await Expect(page.Locator("html[data-kd-shortcuts=on]")).ToHaveCountAsync(1);
        await Expect(button).ToBeEnabledAsync(new() { Timeout = 20_000 });
        var finished = page.Locator(".mud-snackbar").Filter(new() { HasTextRegex = new Regex($"Resync of {Regex.Escape(pod)} finished: applied config [0-9a-f]+") });
        await Expect(finished).ToHaveCountAsync(0); // not there before the resync

        await button.ClickAsync();

        // The start names the pod too, not the Admin API URL the sync loop keys on.
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"Re-pushing the configuration to {pod}." }).First).ToBeVisibleAsync();
        await Expect(finished.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Empty(session.Errors);
    }
}
