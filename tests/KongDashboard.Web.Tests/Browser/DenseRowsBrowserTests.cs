using k8s;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Issue 19: dense /translation rows at 1440x900 (well over 7 Ingresses above the fold), status never clipped.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DenseRowsBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    static DenseRowsBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task At_1440_px_a_translation_row_is_at_most_44_px_high_and_its_status_is_not_clipped()
    {
        var api = fixture.App.Services.EmbeddedServer();
        using var client = new Kubernetes(api.ClientConfiguration());
        var name = $"dense-{Guid.NewGuid():N}"[..20];
        await client.NetworkingV1.CreateNamespacedIngressAsync(TestIngresses.Storefront(name), "shop");
        await using var session = await fixture.NewSessionAsync(ColorScheme.Light, width: 1440, height: 900);
        await session.GotoAsync("translation");

        var row = session.Page.Locator("tr.mud-table-row").Filter(new() { Has = session.Page.GetByTestId("ingress-name").Filter(new() { HasText = name }) });
        var chip = row.GetByTestId("status-chip");
        await Expect(chip).ToBeVisibleAsync(); // positive control: the row and its status are there to measure

        var box = await row.BoundingBoxAsync();
        Assert.NotNull(box);
        output.WriteLine($"row height {box.Height:0.0} px");
        Assert.True(box.Height <= 44, $"the row of {name} is {box.Height:0.0} px high (at most 44)");

        var cell = row.Locator("td.kd-status-cell");
        var widths = await cell.EvaluateAsync<int[]>("c => [c.scrollWidth, c.clientWidth, c.querySelector('.mud-chip').scrollWidth, c.querySelector('.mud-chip').clientWidth]");
        output.WriteLine($"status cell scroll/client {widths[0]}/{widths[1]}, chip {widths[2]}/{widths[3]}");
        Assert.True(widths[1] > 0 && widths[0] <= widths[1], $"the status cell is clipped: scrollWidth {widths[0]} > clientWidth {widths[1]}");
        Assert.True(widths[3] > 0 && widths[2] <= widths[3], $"the status chip is clipped: scrollWidth {widths[2]} > clientWidth {widths[3]}");

        // Room above the fold: from the grid's first row to the bottom of a 900 px screen fits well over 7 rows this high.
        var firstTop = await session.Page.Locator("tr.mud-table-row").First.EvaluateAsync<double>("r => r.getBoundingClientRect().top");
        var fits = (int)((900 - firstTop) / box.Height);
        output.WriteLine($"first row at {firstTop:0} px: {fits} rows fit above the fold");
        Assert.True(fits >= 10, $"only {fits} rows of {box.Height:0.0} px fit below the first row at {firstTop:0} px");
        Assert.Empty(session.Errors);
    }
}
