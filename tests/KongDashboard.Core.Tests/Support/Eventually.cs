using System.Diagnostics;

namespace KongDashboard.Core.Tests.Support;

/// <summary>Awaits a condition instead of sleeping: polls briefly until it holds or the deadline passes.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<T?> probe, Func<T?, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (true)
        {
            var value = probe();
            if (done(value))
            {
                return value!;
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for {what}; last value: {value}");
            }

            await Task.Delay(20);
        }
    }

    public static Task True(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Until(() => condition(), ok => ok, what, timeout);

    /// <summary>As <see cref="True(Func{bool}, string, TimeSpan?)"/>, with the state worth reading in the failure message.</summary>
    public static async Task True(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null)
    {
        try
        {
            await Until(() => condition(), ok => ok, "the condition", timeout);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message}: {describe()}", timedOut);
        }
    }
}
