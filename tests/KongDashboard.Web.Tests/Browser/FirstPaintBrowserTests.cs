using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>A full page load is never blank: the static shell paints the app bar and placeholders before the circuit.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FirstPaintBrowserTests(BrowserFixture fixture)
{
    static FirstPaintBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task The_first_paint_shows_the_app_bar_before_the_circuit_starts_and_gives_way_to_the_live_page()
    {
        // Without blazor.web.js no circuit ever starts: what shows is exactly the first, static paint.
        await using (var frozen = await fixture.NewSessionAsync())
        {
            // Any form of the script's URL (fingerprinted name, query string).
            await frozen.Page.RouteAsync(BlazorScript(), route => route.AbortAsync());
            await frozen.Page.GotoAsync("gateways");
            await Expect(frozen.Page.GetByTestId("boot-appbar")).ToBeVisibleAsync();
            await Expect(frozen.Page.GetByTestId("boot-appbar")).ToContainTextAsync("Kong Dashboard");
            await Expect(frozen.Page.Locator("#interactive")).ToHaveCountAsync(0);
        }

        // With the circuit: the shell gives way to the real app bar once the page renders interactively.
        await using var live = await fixture.NewSessionAsync();
        await live.GotoAsync("gateways");
        await Expect(live.Page.Locator(".kd-appbar")).ToBeVisibleAsync();
        await Expect(live.Page.GetByTestId("boot-shell")).ToBeHiddenAsync();
    }

    [GeneratedRegex(@"/_framework/blazor\.web(\.[^/?]*)?\.js")]
    private static partial Regex BlazorScript();
}
