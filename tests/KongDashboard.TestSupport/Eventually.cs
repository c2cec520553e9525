using System.Diagnostics;

namespace KongDashboard.TestSupport;

/// <summary>Awaits a condition instead of sleeping: polls briefly until it holds or the deadline passes.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> accepts its value, and returns that value.</summary>
    public static async Task<T> Until<T>(Func<T?> probe, Func<T?, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            var value = probe();
            if (done(value))
            {
                return value!;
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}; last value: {value}");
            }

            await Task.Delay(PollInterval);
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

    /// <summary>Polls an asynchronous condition (an API call) until it holds.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (!await condition())
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Condition not met within {limit.TotalSeconds:0.#} s{(because is null ? "" : ": " + because)}");
            }

            await Task.Delay(PollInterval);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, because);

    /// <summary>Retries an assertion (e.g. a Playwright expectation) until it passes; the last failure propagates.</summary>
    public static async Task HoldsAsync(Func<Task> assertion, int timeoutMs = 10_000)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (deadline.ElapsedMilliseconds < timeoutMs)
            {
                await Task.Delay(PollInterval);
            }
        }
    }
}
