using Bunit;
using KongDashboard.Components.Controls;
using KongDashboard.Core.Controller;
using MudBlazor;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>Trend charts: a time range ending at the newest sample, and a pause that holds the picture until resumed.</summary>
public sealed class TrendChartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    // One point a minute for the given minutes, on two lines.
    private static IReadOnlyList<TrendChart.Line> Minutes(int count) =>
    [
        new("current", Enumerable.Range(0, count).Select(i => (T0.AddMinutes(i), (double?)i)).ToList()),
        new("desired", Enumerable.Range(0, count).Select(i => (T0.AddMinutes(i), (double?)(i + 1))).ToList()),
    ];

    [Fact]
    public async Task The_range_limits_the_points_and_a_paused_chart_keeps_its_picture_until_resumed()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(State(Demo, 1)));
        var cut = ctx.Render<TrendChart>(p => p.Add(c => c.Series, Minutes(60)).Add(c => c.Label, "Replicas").Add(c => c.TestId, "chart"));
        int Points() => cut.FindComponent<MudChart<double>>().Instance.ChartSeries[0].Data.Count;

        Assert.Equal(16, Points()); // default 15 min: minutes 44..59
        Assert.Equal("true", cut.FindAll("[data-testid=trend-range]").Single(b => b.TextContent.Trim() == "15 min").GetAttribute("aria-pressed"));
        cut.FindAll("[data-testid=trend-range]").Single(b => b.TextContent.Trim() == "5 min").Click();
        Assert.Equal(6, Points());
        cut.FindAll("[data-testid=trend-range]").Single(b => b.TextContent.Trim() == "1 h").Click();
        Assert.Equal(60, Points());

        // Paused: new samples arrive but the picture holds; resumed: they show.
        cut.Find("[data-testid=trend-pause]").Click();
        Assert.Equal("Resume live updates", cut.Find("[data-testid=trend-pause]").GetAttribute("aria-label"));
        cut.Render(p => p.Add(c => c.Series, Minutes(90)));
        Assert.Equal(60, Points());
        Assert.NotNull(cut.Find("[data-testid=trend-paused]"));
        cut.Find("[data-testid=trend-pause]").Click();
        Assert.Equal(61, Points()); // 1 h ending at minute 89: minutes 29..89
        Assert.Empty(cut.FindAll("[data-testid=trend-paused]"));
        Assert.Equal("img", cut.Find("[data-testid=chart]").GetAttribute("role"));
    }
}
