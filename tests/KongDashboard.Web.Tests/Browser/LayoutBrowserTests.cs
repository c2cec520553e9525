using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Readability and reach: the login page in a dark OS theme, and the app bar and pages on a 390 px phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutBrowserTests(BrowserFixture fixture)
{
    static LayoutBrowserTests() => SetDefaultExpectTimeout(10_000);

    // WCAG 2.x contrast ratio of an element's text colour against the first opaque background behind it.
    private const string ContrastScript = """
        el => {
            const rgb = c => c.match(/[\d.]+/g).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
            const background = e => {
                for (; e; e = e.parentElement) {
                    const c = rgb(getComputedStyle(e).backgroundColor);
                    if (c.length < 4 || c[3] === 1) return c;
                }
                return [255, 255, 255];
            };
            const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """;

    [Theory]
    [InlineData(ColorScheme.Dark)]
    [InlineData(ColorScheme.Light)]
    public async Task The_login_page_is_readable_and_its_button_looks_like_one_in_either_os_theme(ColorScheme scheme)
    {
        await using var session = await fixture.NewSessionAsync(scheme);
        await session.Page.GotoAsync("login");
        var card = session.Page.GetByTestId("login-page");
        await Expect(card).ToBeVisibleAsync();

        Assert.True(await card.Locator("h1").EvaluateAsync<double>(ContrastScript) >= 4.5, "heading contrast below 4.5:1");
        foreach (var paragraph in await card.Locator("p").AllAsync())
        {
            var ratio = await paragraph.EvaluateAsync<double>(ContrastScript);
            Assert.True(ratio >= 4.5, $"'{await paragraph.InnerTextAsync()}' has contrast {ratio:0.00}:1 (needs 4.5:1)");
        }

        // The fixture runs Unsecured: the page says so, and never mentions a proxy that is not there.
        await Expect(card).ToContainTextAsync("Unsecured mode");
        await Expect(card).Not.ToContainTextAsync("proxy");
        var link = card.GetByRole(AriaRole.Link, new() { Name = "Continue" });
        Assert.True(await link.EvaluateAsync<double>(ContrastScript) >= 4.5, "the Continue link is hard to read");
    }

    [Fact]
    public async Task At_390_px_the_app_bar_and_every_page_fit_the_screen()
    {
        await using var session = await fixture.NewSessionAsync(ColorScheme.Light, width: 390, height: 844);
        var page = session.Page;
        foreach (var path in new[] { "", "translation", "gateways", "configuration", "gateway-api", "leadership", "autoscaling", "audit", "kong/services", "kong/routes", "kong/upstreams", "kong/plugins", "kong/consumers", "kong/certificates", "logs" })
        {
            await session.GotoAsync(path);
            await session.WaitForLiveDataAsync();
            if (path == "gateways")
            {
                await Expect(page.GetByTestId("gateway-sync").First).ToBeVisibleAsync();
            }

            await SaveScreenshotAsync(page, $"390-{(path == "" ? "overview" : path)}.png");
            await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
            await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            foreach (var testId in new[] { "theme-toggle", "current-user", "role-chip" })
            {
                var box = await page.GetByTestId(testId).BoundingBoxAsync();
                Assert.NotNull(box);
                Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"/{path}: {testId} spans x {box.X:0}..{box.X + box.Width:0}, off a 390 px screen");
            }

            var appBarWidth = await page.Locator(".kd-appbar").EvaluateAsync<int>("e => e.scrollWidth");
            Assert.True(appBarWidth <= 390, $"/{path}: the app bar is {appBarWidth} px wide at 390 px");
            // Cards (phone layout of the grids) keep every part of a cell on screen, e.g. each gateway's sync state.
            var checkedCells = 0;
            foreach (var cell in await page.Locator("[data-testid=gateway-sync], [data-testid=ingress-name]").AllAsync())
            {
                if (await cell.BoundingBoxAsync() is not { } box)
                {
                    continue; // not rendered (display: none)
                }

                checkedCells++;
                Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"/{path}: a grid cell spans x {box.X:0}..{box.X + box.Width:0}, off a 390 px screen");
            }

            Assert.True(path is not ("gateways" or "translation") || checkedCells > 0, $"/{path}: no grid cell was measured");
            var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(pageWidth <= 390, $"/{path}: the page is {pageWidth} px wide at 390 px");
        }

        // For the docs and a human look (KD_SCREENSHOT_DIR set): the Translation page at 1440 px in both themes.
        if (ScreenshotDirectory is not null)
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var wide = await fixture.NewSessionAsync(scheme);
                // The remembered theme, so the shot is not taken mid-way through the switch from the OS probe.
                await wide.Context.AddCookiesAsync([new() { Name = "kd-theme", Value = scheme.ToString().ToLowerInvariant(), Url = fixture.RootUri }]);
                await wide.GotoAsync("translation");
                await wide.WaitForLiveDataAsync();
                await Expect(wide.Page.GetByTestId("ingress-name").First).ToBeVisibleAsync();
                await SaveScreenshotAsync(wide.Page, $"1440-translation-{scheme.ToString().ToLowerInvariant()}.png");
            }
        }

        Assert.Empty(session.Errors);
    }

    private static string? ScreenshotDirectory => Environment.GetEnvironmentVariable("KD_SCREENSHOT_DIR");

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotDirectory is { } directory)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name) });
        }
    }
}
