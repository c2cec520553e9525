namespace KongDashboard.EmbeddedCluster.Tests.TestSupport;

/// <summary>Polls a condition with short intervals until it holds or the timeout elapses (convergence, not sleeps).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Condition not met in time{(because is null ? "" : ": " + because)}");
            await Task.Delay(25);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, because);
}
