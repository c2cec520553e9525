using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>A full page load is never blank: the static shell paints the app bar and placeholders before the circuit.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FirstPaintBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string FirstContentfulPaint =
        "() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null";

    static FirstPaintBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task The_first_paint_shows_the_app_bar_before_the_circuit_starts_and_gives_way_to_the_live_page()
    {
        // Without blazor.web.js no circuit ever starts: what shows is exactly the first, static paint.
        await using (var frozen = await fixture.NewSessionAsync())
        {
            await frozen.Page.RouteAsync("**/_framework/blazor.web.js", route => route.AbortAsync());
            await frozen.Page.GotoAsync("gateways");
            await Expect(frozen.Page.GetByTestId("boot-appbar")).ToBeVisibleAsync();
            await Expect(frozen.Page.GetByTestId("boot-appbar")).ToContainTextAsync("Kong Dashboard");
            await Expect(frozen.Page.Locator("#interactive")).ToHaveCountAsync(0);
            Assert.NotNull(await frozen.Page.EvaluateAsync<double?>(FirstContentfulPaint)); // something contentful was painted
        }

        // With the circuit: the shell gives way to the real app bar once the page renders interactively.
        await using var live = await fixture.NewSessionAsync();
        await live.GotoAsync("gateways");
        await Expect(live.Page.Locator(".kd-appbar")).ToBeVisibleAsync();
        await Expect(live.Page.GetByTestId("boot-shell")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task First_contentful_paint_is_measured_with_and_without_the_shell()
    {
        // Not a timing assertion (2 shared cores): prints the figures; asserts only that each load painted.
        var withShell = await MeasureAsync(hideShell: false);
        var withoutShell = await MeasureAsync(hideShell: true);
        output.WriteLine($"first contentful paint (ms), gateways page, 5 loads each: with shell {string.Join(", ", withShell.Select(v => v.ToString("0")))}"
            + $" (median {Median(withShell):0}); without shell (as before) {string.Join(", ", withoutShell.Select(v => v.ToString("0")))} (median {Median(withoutShell):0})");
        Assert.All(withShell.Concat(withoutShell), v => Assert.True(v > 0));
    }

    private async Task<List<double>> MeasureAsync(bool hideShell)
    {
        var values = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await using var session = await fixture.NewSessionAsync();
            if (hideShell)
            {
                // The page as it was before the shell: the same HTML with the shell marked hidden.
                await session.Page.RouteAsync("**/gateways", async route =>
                {
                    var response = await route.FetchAsync();
                    var html = ShellClass().Replace(await response.TextAsync(), "hidden class=\"kd-boot", 1);
                    await route.FulfillAsync(new() { Response = response, Body = html });
                });
            }

            await session.GotoAsync("gateways");
            await Expect(session.Page.Locator(".kd-appbar")).ToBeVisibleAsync();
            values.Add(await session.Page.EvaluateAsync<double?>(FirstContentfulPaint) ?? -1);
        }

        return values;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex("class=\"kd-boot")]
    private static partial Regex ShellClass();
}
