using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Toasts appear where they cover neither the app bar's controls nor the open drawer's buttons.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ToastBrowserTests(BrowserFixture fixture)
{
    static ToastBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task A_toast_leaves_the_app_bar_and_the_drawer_buttons_uncovered()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("translation");
        var page = session.Page;
        await page.GetByTestId("ingress-name").First.ClickAsync();
        var drawer = page.Locator(".kd-detail-drawer.mud-drawer--open");
        await Expect(drawer).ToBeVisibleAsync();

        // Copy raises a toast ("… copied", or "Copy failed" where the clipboard is refused): either is a toast.
        // The YAML pane's copy (the id copy buttons confirm inline, without a toast).
        await drawer.GetByTestId("ingress-yaml").GetByRole(AriaRole.Button, new() { Name = "Copy" }).First.ClickAsync();
        var toast = page.Locator(".mud-snackbar").First;
        await Expect(toast).ToBeVisibleAsync();

        var toastBox = await toast.BoundingBoxAsync();
        Assert.NotNull(toastBox);
        foreach (var (name, locator) in new[]
                 {
                     ("app bar", page.Locator(".kd-appbar")),
                     ("drawer close button", drawer.Locator("[data-kd-close]")),
                 })
        {
            var box = await locator.BoundingBoxAsync();
            Assert.NotNull(box);
            var overlaps = toastBox.X < box.X + box.Width && box.X < toastBox.X + toastBox.Width
                && toastBox.Y < box.Y + box.Height && box.Y < toastBox.Y + toastBox.Height;
            Assert.False(overlaps, $"the toast ({toastBox.X:0},{toastBox.Y:0} {toastBox.Width:0}×{toastBox.Height:0}) covers the {name}");
        }
    }
}
