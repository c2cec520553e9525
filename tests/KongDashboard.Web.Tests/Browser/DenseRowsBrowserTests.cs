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

        // Measured in one evaluation from the chip: the virtualised grid re-renders rows on live updates, so a row
        // located and then measured in separate round trips can be replaced in between.
        // A row the grid is still laying out (a live update re-rendering it) measures 0 px: await one laid out.
        double[] m = [];
        await Eventually.HoldsAsync(async () =>
        {
            m = await chip.EvaluateAsync<double[]>("""
                chip => {
                  const row = chip.closest('tr'), cell = row.querySelector('td.kd-status-cell'), pill = cell.querySelector('.mud-chip');
                  const first = document.querySelector('tr.mud-table-row');
                  return [row.getBoundingClientRect().height, cell.scrollWidth, cell.clientWidth, pill.scrollWidth, pill.clientWidth,
                          first.getBoundingClientRect().top];
                }
                """);
            Assert.True(m[0] > 0, "the row is not laid out yet");
        }, 10_000);
        var (height, firstTop) = (m[0], m[5]);
        output.WriteLine($"row height {height:0.0} px; status cell scroll/client {m[1]}/{m[2]}, chip {m[3]}/{m[4]}");
        Assert.True(height is > 0 and <= 44, $"the row of {name} is {height:0.0} px high (at most 44)");
        Assert.True(m[2] > 0 && m[1] <= m[2], $"the status cell is clipped: scrollWidth {m[1]} > clientWidth {m[2]}");
        Assert.True(m[4] > 0 && m[3] <= m[4], $"the status chip is clipped: scrollWidth {m[3]} > clientWidth {m[4]}");

        // Room above the fold: from the grid's first row to the bottom of a 900 px screen fits well over 7 rows this high.
        var fits = (int)((900 - firstTop) / height);
        output.WriteLine($"first row at {firstTop:0} px: {fits} rows fit above the fold");
        Assert.True(fits >= 10, $"only {fits} rows of {height:0.0} px fit below the first row at {firstTop:0} px");
        Assert.Empty(session.Errors);
    }
}
