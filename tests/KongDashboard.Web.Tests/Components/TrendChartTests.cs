using KongDashboard.Components.Controls;

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
}
