using KongDashboard.Core.Timing;
using Microsoft.Extensions.Time.Testing;

namespace KongDashboard.Core.Tests.Timing;

public sealed class BurstRestTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(40, 80)]
    [InlineData(2499, 4998)]
    [InlineData(2500, 5000)]
    [InlineData(9000, 5000)]
    public void Rest_is_twice_the_cost_up_to_five_seconds(int costMs, int restMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(restMs), BurstRest.After(TimeSpan.FromMilliseconds(costMs)));

    [Fact]
    public async Task The_rest_runs_on_the_given_clock()
    {
        var time = new FakeTimeProvider();
        var rest = BurstRest.RestAsync(TimeSpan.FromMilliseconds(100), time, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(rest.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await rest.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void No_cost_means_no_rest() =>
        Assert.True(BurstRest.RestAsync(TimeSpan.Zero, new FakeTimeProvider(), CancellationToken.None).IsCompletedSuccessfully);
}
