using Bunit;
using KongDashboard.Components.Controls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KongDashboard.Web.Tests.Components;

/// <summary>Issue 19: one time-format setting — the browser's zone by default, UTC on demand — and every time says its zone.</summary>
public sealed class TimeDisplayTests
{
    private static readonly DateTimeOffset Instant = new(2026, 12, 5, 14, 3, 7, TimeSpan.Zero);

    private static string Expected(DateTimeOffset at, string zoneId, string format) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zoneId)).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Local_is_the_default_and_shows_the_browsers_zone_with_its_offset()
    {
        var times = new TimeDisplay();
        times.Restore(choice: null, browserZone: "Asia/Kolkata");

        Assert.False(times.Utc);
        Assert.Equal(Expected(Instant, "Asia/Kolkata", "HH:mm:ss"), times.Time(Instant));
        Assert.Equal($"{Expected(Instant, "Asia/Kolkata", "yyyy-MM-dd HH:mm:ss")} UTC+05:30", times.Timestamp(Instant));
    }

    [Fact]
    public void Utc_on_demand_shows_utc_whatever_the_browsers_zone()
    {
        var times = new TimeDisplay();
        times.Restore(choice: "utc", browserZone: "Asia/Kolkata");

        Assert.Equal("2026-12-05 14:03:07 UTC", times.Timestamp(Instant));
        Assert.Equal("14:03:07", times.Time(Instant));
        Assert.Equal("UTC", times.ZoneLabel(Instant));
    }

    [Theory]
    [InlineData("2026-03-08T06:59:59Z", "UTC-05:00")] // New York one second before the spring-forward change
    [InlineData("2026-03-08T07:00:00Z", "UTC-04:00")] // and at it: the wall clock jumps 02:00 → 03:00
    [InlineData("2026-11-01T05:59:59Z", "UTC-04:00")] // before the fall-back change
    [InlineData("2026-11-01T06:00:00Z", "UTC-05:00")] // after it
    public void A_zone_with_daylight_saving_labels_each_instant_with_the_offset_in_force_then(string instant, string label)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var times = new TimeDisplay();
        times.Restore(null, "America/New_York");

        Assert.Equal(label, times.ZoneLabel(at));
        Assert.Equal($"{Expected(at, "America/New_York", "yyyy-MM-dd HH:mm:ss")} {label}", times.Timestamp(at));
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_utc_and_says_so()
    {
        var times = new TimeDisplay();
        times.Restore(null, "Mars/Olympus_Mons");

        Assert.True(times.BrowserZoneUnknown);
        Assert.Equal("14:03:07", times.Time(Instant));
        Assert.Equal("2026-12-05 14:03:07 UTC+00:00", times.Timestamp(Instant));
    }

    [Fact]
    public void Until_the_browser_names_its_zone_times_are_utc_and_a_later_zone_is_announced_once()
    {
        var times = new TimeDisplay();
        var changes = 0;
        times.Changed += () => changes++;
        times.Restore(null, null);
        Assert.Equal("2026-12-05 14:03:07 UTC", times.Timestamp(Instant));

        times.SetBrowserZone("Asia/Kolkata");
        times.SetBrowserZone("Asia/Kolkata"); // the same zone again: nothing to re-render

        Assert.Equal(1, changes);
        Assert.EndsWith("UTC+05:30", times.Timestamp(Instant), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_readout_is_in_the_chosen_zone()
    {
        var clock = new FakeTimeProvider(Instant);
        using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddSingleton<TimeProvider>(clock);
        context.Services.AddScoped<TimeDisplay>();
        MudBlazor.Services.ServiceCollectionExtensions.AddMudServices(context.Services);
        context.Services.GetRequiredService<TimeDisplay>().Restore(null, "Asia/Kolkata");
        var points = new List<(DateTimeOffset, double?)> { (Instant.AddMinutes(-10), 2), (Instant.AddMinutes(-5), 6) };

        var cut = context.Render<TrendChart>(p => p.Add(c => c.Series, [new TrendChart.Line("current", points)]).Add(c => c.Label, "Replicas"));

        var expected = $"{Expected(Instant.AddMinutes(-5), "Asia/Kolkata", "HH:mm:ss")} UTC+05:30: current 6";
        Assert.Equal(expected, cut.Find("[data-testid=trend-readout]").TextContent.Trim());
    }
}
