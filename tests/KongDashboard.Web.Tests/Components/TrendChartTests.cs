using Bunit;
using KongDashboard.Components.Controls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace KongDashboard.Web.Tests.Components;

/// <summary>Trends are change points (nothing is sampled on a timer): the chart draws them as steps carried on to now.</summary>
public sealed class TrendChartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_change_is_a_vertical_step_and_the_last_value_holds_until_now()
    {
        var points = new List<(DateTimeOffset, double?)> { (T0, 2), (T0.AddMinutes(5), 6) };

        var steps = TrendChart.Steps(points, T0.AddMinutes(8));

        Assert.Equal(
            [(T0, 2), (T0.AddMinutes(5), 2), (T0.AddMinutes(5), 6), (T0.AddMinutes(8), 6)],
            steps);
    }

    [Fact]
    public void One_value_that_never_changed_is_a_flat_line_to_now_and_nothing_is_added_at_or_before_its_own_time()
    {
        Assert.Equal([(T0, 3), (T0.AddSeconds(30), 3)], TrendChart.Steps([(T0, 3)], T0.AddSeconds(30)));
        Assert.Equal([(T0, 3)], TrendChart.Steps([(T0, 3)], T0));
        Assert.Empty(TrendChart.Steps([], T0));
    }

    [Fact]
    public void A_missing_value_breaks_the_line_without_inventing_a_step()
    {
        var steps = TrendChart.Steps([(T0, 1), (T0.AddMinutes(1), null), (T0.AddMinutes(2), 4)], T0.AddMinutes(2));

        Assert.Equal([(T0, 1), (T0.AddMinutes(1), 1), (T0.AddMinutes(1), null), (T0.AddMinutes(2), 4)], steps);
    }

    [Fact]
    public void The_window_starts_at_the_range_start_with_the_value_holding_there()
    {
        var points = new List<(DateTimeOffset, double?)> { (T0, 2), (T0.AddMinutes(20), 6) };

        var window = TrendChart.Window(points, T0.AddMinutes(10), T0.AddMinutes(25));

        Assert.Equal([(T0.AddMinutes(10), 2), (T0.AddMinutes(20), 2), (T0.AddMinutes(20), 6), (T0.AddMinutes(25), 6)], window);
    }

    // One change a minute for the given minutes, on two lines.
    private static IReadOnlyList<TrendChart.Line> Minutes(int count) =>
    [
        new("current", Enumerable.Range(0, count).Select(i => (T0.AddMinutes(i), (double?)i)).ToList()),
        new("desired", Enumerable.Range(0, count).Select(i => (T0.AddMinutes(i), (double?)(i + 1))).ToList()),
    ];

    private static BunitContext Context(FakeTimeProvider clock)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton<TimeProvider>(clock);
        context.Services.AddScoped<KongDashboard.Components.Controls.TimeDisplay>();
        return context;
    }

    private static IReadOnlyList<(DateTime DateTime, double Value)> Drawn(IRenderedComponent<TrendChart> cut) =>
        cut.FindComponent<MudChart<double>>().Instance.ChartSeries[0].Data.Points.Select(p => ((DateTime)p.X, p.Y)).ToList();

    private static void Choose(IRenderedComponent<TrendChart> cut, string range) =>
        cut.FindAll("[data-testid=trend-range]").Single(b => b.TextContent.Trim() == range).Click();

    [Fact]
    public async Task The_range_cuts_the_drawn_points_and_the_axis_starts_at_the_range_start()
    {
        var now = T0.AddMinutes(59).AddSeconds(30);
        var clock = new FakeTimeProvider(now);
        await using var ctx = Context(clock);
        var cut = ctx.Render<TrendChart>(p => p.Add(c => c.Series, Minutes(60)).Add(c => c.Label, "Replicas").Add(c => c.TestId, "chart"));

        // Default 15 min: from 12:44:30 (the value holding there, 44), one step a minute, carried on to now.
        Assert.Equal("true", cut.FindAll("[data-testid=trend-range]").Single(b => b.TextContent.Trim() == "15 min").GetAttribute("aria-pressed"));
        Assert.Equal(T0.AddMinutes(44.5).UtcDateTime, Drawn(cut)[0].DateTime);
        Assert.Equal(44, Drawn(cut)[0].Value);
        Assert.Equal(now.UtcDateTime, Drawn(cut)[^1].DateTime);

        Choose(cut, "5 min");
        Assert.Equal(T0.AddMinutes(54.5).UtcDateTime, Drawn(cut)[0].DateTime);
        Assert.Equal(54, Drawn(cut)[0].Value);
        Choose(cut, "1 h");
        Assert.Equal(T0.UtcDateTime, Drawn(cut)[0].DateTime); // history is shorter than the range: it starts at the first point
        Assert.Equal("img", cut.Find("[data-testid=chart]").GetAttribute("role"));
    }

    [Fact]
    public async Task A_paused_chart_holds_its_window_while_new_points_arrive_and_shows_them_on_resume()
    {
        var clock = new FakeTimeProvider(T0.AddMinutes(59));
        await using var ctx = Context(clock);
        var cut = ctx.Render<TrendChart>(p => p.Add(c => c.Series, Minutes(60)).Add(c => c.Label, "Replicas"));
        Assert.Empty(cut.FindAll("[data-testid=trend-paused]"));

        cut.Find("[data-testid=trend-pause]").Click();
        Assert.Equal("Resume live updates", cut.Find("[data-testid=trend-pause]").GetAttribute("aria-label"));
        clock.Advance(TimeSpan.FromMinutes(10));
        var newer = Minutes(70);
        cut.Render(p => p.Add(c => c.Series, newer));

        // Positive control: the new points exist in what the chart was given.
        Assert.Equal(69, newer[0].Points[^1].Value);
        Assert.Equal(59, Drawn(cut)[^1].Value);
        Assert.Equal(T0.AddMinutes(59).UtcDateTime, Drawn(cut)[^1].DateTime);
        Assert.Contains("Paused · 20 new", cut.Find("[data-testid=trend-paused]").TextContent);

        cut.Find("[data-testid=trend-pause]").Click();
        Assert.Equal(69, Drawn(cut)[^1].Value);
        Assert.Equal(T0.AddMinutes(69).UtcDateTime, Drawn(cut)[^1].DateTime);
        Assert.Empty(cut.FindAll("[data-testid=trend-paused]"));
    }

    [Fact]
    public async Task The_readout_reads_each_line_at_the_newest_change_and_the_arrow_keys_step_through_changes()
    {
        var clock = new FakeTimeProvider(T0.AddMinutes(8));
        await using var ctx = Context(clock);
        IReadOnlyList<TrendChart.Line> lines =
        [
            new("current", [(T0, 2), (T0.AddMinutes(5), 6)]),
            new("desired", [(T0, 3)]),
        ];
        var cut = ctx.Render<TrendChart>(p => p.Add(c => c.Series, lines).Add(c => c.Label, "Replicas"));
        var readout = cut.Find("[data-testid=trend-readout]");

        Assert.Equal("12:05:00 UTC: current 6, desired 3", readout.TextContent.Trim());
        Assert.Equal("0", readout.GetAttribute("tabindex"));
        readout.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowLeft" });
        Assert.Equal("12:00:00 UTC: current 2, desired 3", cut.Find("[data-testid=trend-readout]").TextContent.Trim());
        Assert.Equal("12:00:00 UTC: current 2, desired 3", cut.Find("[data-testid=trend-readout]").GetAttribute("aria-valuetext"));
        cut.Find("[data-testid=trend-readout]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "End" });
        Assert.Equal("12:05:00 UTC: current 6, desired 3", cut.Find("[data-testid=trend-readout]").TextContent.Trim());
    }
}
