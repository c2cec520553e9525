using KongDashboard.Core.Controller;

namespace KongDashboard.Core.Tests.Controller;

public sealed class StateFeedTests
{
    private sealed record Counter(int Value);

    [Fact]
    public async Task An_update_that_returns_the_current_state_wakes_no_subscriber()
    {
        var feed = new StateFeed<Counter>(new Counter(0));
        using var stop = new CancellationTokenSource();
        var seen = new List<int>();
        var firstSeen = new TaskCompletionSource();
        var secondSeen = new TaskCompletionSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var state in feed.WatchAsync(stop.Token))
            {
                seen.Add(state.Value);
                (seen.Count == 1 ? firstSeen : secondSeen).TrySetResult();
            }
        });
        await firstSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var unchanged = feed.Update(s => s);
        var changed = feed.Update(s => new Counter(s.Value + 1));
        await secondSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, unchanged.Value);
        // Positive control: the real change arrived; the no-op before it never did (only 0, then 1).
        Assert.Equal(1, changed.Value);
        Assert.Equal([0, 1], seen);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
    }
}
