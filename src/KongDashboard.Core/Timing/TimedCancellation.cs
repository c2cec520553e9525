namespace KongDashboard.Core.Timing;

/// <summary>
/// A token cancelled by an outer token or after a delay measured on a <see cref="TimeProvider"/>, so that timeouts
/// follow the same clock as the rest of the component (a fake one in tests) rather than the machine's.
/// </summary>
public sealed class TimedCancellation : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public TimedCancellation(TimeSpan after, TimeProvider time, CancellationToken cancellationToken)
    {
        _timeout = new CancellationTokenSource(after < TimeSpan.Zero ? TimeSpan.Zero : after, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>True when the delay ran out (as opposed to the outer token being cancelled).</summary>
    public bool TimedOut => _timeout.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
