using Microsoft.Extensions.Time.Testing;

namespace KongDashboard.Core.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created on it. A loop that has finished reacting to an
/// <see cref="FakeTimeProvider.Advance"/> parks on a new timer, so a test can await that before moving the clock
/// again instead of racing the loop's continuation.
/// </summary>
public sealed class TimerCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timersCreated;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timersCreated);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
