using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary><c>?embed=true</c> hides the chrome in its own browser tab only, for that tab's later loads too.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmbedModeBrowserTests(BrowserFixture fixture)
{
    static EmbedModeBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task Embed_mode_sticks_to_its_tab_and_not_to_the_browsers_other_tabs()
    {
        await using var session = await fixture.NewSessionAsync();
        var embedded = session.Page;

        await session.GotoAsync("translation?embed=true");
        await ExpectEmbeddedAsync(embedded);

        // A later full load in the same tab, without the query (in-app navigation drops it): still embedded.
        await session.GotoAsync("gateways");
        await ExpectEmbeddedAsync(embedded);

        // Another tab of the same browser (same cookies): the full app, with its app bar.
        var other = await session.Context.NewPageAsync();
        await other.GotoAsync("gateways");
        await Expect(other.Locator(".kd-appbar")).ToBeVisibleAsync();
        await Expect(other.GetByTestId("embedded")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == "kd-embed");
        await other.CloseAsync();

        // ?embed=false ends it for the tab, on that load and the next.
        await session.GotoAsync("gateways?embed=false");
        await Expect(embedded.Locator(".kd-appbar")).ToBeVisibleAsync();
        await session.GotoAsync("translation");
        await Expect(embedded.Locator(".kd-appbar")).ToBeVisibleAsync();
        await Expect(embedded.GetByTestId("embedded")).ToHaveCountAsync(0);
    }

    private static async Task ExpectEmbeddedAsync(IPage page)
    {
        await Expect(page.GetByTestId("embedded")).ToBeVisibleAsync();
        await Expect(page.Locator(".kd-appbar")).ToHaveCountAsync(0);
    }
}
