using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>The dashboard by keyboard alone: skip link, rows that open their drawer, Escape back, shortcuts and help.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardBrowserTests(BrowserFixture fixture)
{
    static KeyboardBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task The_first_tab_stop_is_a_skip_link_to_the_page()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("translation");
        var page = session.Page;

        // Blazor's FocusOnNavigate puts focus on the h1 after each navigation: let it happen first (on a busy machine it
        // can land after the keys below and take the focus away). From the app bar's first control, the skip link is the
        // one stop before it (the first in the document).
        await Expect(page.Locator("html[data-kd-shortcuts=on]")).ToHaveCountAsync(1);
        await Expect(page.Locator("h1").First).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        var skip = page.GetByTestId("skip-link");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#kd-main")).ToBeFocusedAsync();
        Assert.EndsWith("/translation", page.Url, StringComparison.Ordinal); // an in-page jump, not a navigation
        Assert.Empty(session.Errors);
    }

    [Theory]
    [InlineData("translation", "ingress-grid")]
    [InlineData("gateways", "gateway-grid")]
    public async Task Enter_opens_a_rows_drawer_and_escape_closes_it_back_onto_the_row(string path, string grid)
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync(path);
        var page = session.Page;
        var rows = page.GetByTestId(grid).Locator("tbody tr.mud-table-row");
        await Expect(rows.First).ToHaveAttributeAsync("tabindex", "0");
        var first = rows.First;

        // By Tab alone, from the top of the page (past filters, tabs and sort buttons), focus reaches the first row.
        // Rows keep their element across live updates (stable keys), so a single pass reaches it.
        await page.Locator("#kd-main").FocusAsync();
        for (var presses = 0; presses < 60 && !await first.EvaluateAsync<bool>("r => r === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(first).ToBeFocusedAsync();
        // The row's identity (its first cell) read from the focused row itself: another test in the shared app may add
        // a gateway that sorts first meanwhile, and the row that has focus is the one Enter opens.
        var rowName = await page.Locator("tbody tr.mud-table-row:focus td").First.InnerTextAsync();

        await page.Keyboard.PressAsync("Enter");
        var drawer = page.Locator(".kd-detail-drawer.mud-drawer--open");
        await Expect(drawer).ToBeVisibleAsync();
        // Focus moves into the drawer (to its close button, or a control inside that takes it), off the page behind.
        await Eventually.HoldsAsync(async () =>
            Assert.True(await drawer.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), "focus is not in the drawer"));
        Assert.Contains(path == "translation" ? "selected=" : "gateway=", page.Url, StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Escape");
        await Expect(drawer).ToHaveCountAsync(0);
        var focused = page.Locator("tbody tr.mud-table-row:focus");
        await Expect(focused).ToHaveCountAsync(1, new() { Timeout = 5_000 });
        Assert.Equal(rowName, await focused.Locator("td").First.InnerTextAsync());
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Shortcuts_navigate_focus_the_search_and_explain_themselves()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("");
        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        // The layout registers the shortcuts after its first interactive render; keys pressed before that go nowhere.
        await Expect(page.Locator("html[data-kd-shortcuts=on]")).ToHaveCountAsync(1);

        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("t");
        await page.WaitForURLAsync(url => url.EndsWith("/translation", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Translation", Level = 1 })).ToBeVisibleAsync();
        // The page's first live state re-creates its controls; "/" is for a page that shows its data.
        await Expect(page.GetByTestId("ingress-name").First).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("/");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Search" })).ToBeFocusedAsync();
        // Typing in the box is typing, not a shortcut.
        await page.Keyboard.TypeAsync("gg");
        await page.WaitForURLAsync(url => url.Contains("q=gg", StringComparison.Ordinal));
        Assert.EndsWith("/translation?q=gg", page.Url, StringComparison.Ordinal);
        await page.Locator("#kd-main").FocusAsync();

        await page.Keyboard.PressAsync("?");
        var help = page.GetByRole(AriaRole.Dialog);
        await Expect(help).ToBeVisibleAsync();
        await Expect(help.GetByTestId("shortcuts")).ToContainTextAsync("Go to Gateways");
        // MudDialog listens for Escape once its JS side has attached, a moment after it is visible: press until it closes.
        await Eventually.HoldsAsync(async () =>
        {
            await page.Keyboard.PressAsync("Escape");
            await Expect(help).ToHaveCountAsync(0, new() { Timeout = 1_000 });
        });

        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("o");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        Assert.Empty(session.Errors);
    }
}
