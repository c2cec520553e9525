namespace KongDashboard.Core.Timing;

/// <summary>
/// How long a loop rests after a piece of work (a translation, a push) when newer work arrived while it ran. During a
/// burst (<c>kubectl create -f</c> of thousands of objects) changes arrive faster than a translation or a push takes;
/// doing them back to back kept every replica's CPU and every gateway's parser saturated and starved the API server
/// itself (issue 18: 17–24 ms per created object). Resting twice the work's cost (at most 5 s) caps that loop at a third
/// of a core while the burst lasts, and everything that arrives meanwhile is coalesced into the next round. An isolated change
/// finds nothing newer pending and is handled at once. KIC goes further: it updates Kong at most every 3 s whatever
/// changed (<c>internal/dataplane/synchronizer.go</c> in v3.5.0: <c>DefaultSyncSeconds</c>, line 29; the ticker, line 118).
/// </summary>
public static class BurstRest
{
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    public static TimeSpan After(TimeSpan cost) => cost <= TimeSpan.Zero ? TimeSpan.Zero : cost * 2 < Max ? cost * 2 : Max;

    /// <summary>Rests <see cref="After"/> the cost on <paramref name="time"/> (a fake clock measures no cost, so tests never rest).</summary>
    public static Task RestAsync(TimeSpan cost, TimeProvider time, CancellationToken cancellationToken) =>
        After(cost) is { } rest && rest > TimeSpan.Zero ? Task.Delay(rest, time, cancellationToken) : Task.CompletedTask;
}
