using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>
/// The reconnect state: a banner, not Blazor's modal dialog. Blazor signals reconnection by raising
/// components-reconnect-state-changed on #components-reconnect-modal; the test raises the same events, because a
/// headless browser cannot cut an open WebSocket on demand.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectBrowserTests(BrowserFixture fixture)
{
    static ReconnectBrowserTests() => SetDefaultExpectTimeout(10_000);

    private static Task RaiseAsync(IPage page, string state) => page.EvaluateAsync(
        "state => document.getElementById('components-reconnect-modal').dispatchEvent(new CustomEvent('components-reconnect-state-changed', { detail: { state } }))",
        state);

    [Fact]
    public async Task Losing_the_server_shows_a_non_blocking_stale_banner_with_one_state_at_a_time()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("translation");
        var page = session.Page;
        var banner = page.GetByTestId("reconnect-banner");
        await Expect(banner).ToBeHiddenAsync();
        await Expect(page.Locator("body.kd-stale")).ToHaveCountAsync(0);

        await RaiseAsync(page, "show");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("Reconnecting…");
        await Expect(page.Locator("body.kd-stale")).ToHaveCountAsync(1);
        // No modal: the page under it still takes clicks and focus (the search box is reachable and typeable).
        await Expect(page.Locator("dialog[open]")).ToHaveCountAsync(0);
        var search = page.GetByRole(AriaRole.Textbox, new() { Name = "Search" });
        await search.ClickAsync();
        await Expect(search).ToBeFocusedAsync();
        // The staleness counts up while disconnected.
        await Expect(banner.Locator("[data-kd-stale-age]")).Not.ToHaveTextAsync("0 s", new() { Timeout = 5_000 });

        await RaiseAsync(page, "retrying");
        await Expect(banner.GetByText("Retrying in")).ToBeVisibleAsync();
        await Expect(banner.GetByText("Reconnecting…")).ToBeHiddenAsync();

        await RaiseAsync(page, "failed");
        await Expect(banner.GetByText("Could not reconnect.")).ToBeVisibleAsync();
        await Expect(banner.GetByText("Retrying in")).ToBeHiddenAsync();
        await Expect(banner.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeVisibleAsync();

        await RaiseAsync(page, "hide");
        await Expect(banner).ToBeHiddenAsync();
        await Expect(page.Locator("body.kd-stale")).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }
}
