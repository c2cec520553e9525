namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// The nginx stub_status numbers Kong reports under <c>/status</c> "server".
/// Settable so that a load simulation can drive them; the Admin API itself also counts its own traffic.
/// </summary>
public sealed class KongGatewayCounters
{
    private long _active, _reading, _writing, _accepted, _handled, _totalRequests;
    private long? _waiting;

    public long ConnectionsActive { get => Interlocked.Read(ref _active); set => Interlocked.Exchange(ref _active, value); }
    public long ConnectionsReading { get => Interlocked.Read(ref _reading); set => Interlocked.Exchange(ref _reading, value); }
    public long ConnectionsWriting { get => Interlocked.Read(ref _writing); set => Interlocked.Exchange(ref _writing, value); }

    /// <summary>Derived (active − reading − writing) unless set explicitly.</summary>
    public long ConnectionsWaiting
    {
        get => _waiting ?? Math.Max(0, ConnectionsActive - ConnectionsReading - ConnectionsWriting);
        set => _waiting = value;
    }

    public long ConnectionsAccepted { get => Interlocked.Read(ref _accepted); set => Interlocked.Exchange(ref _accepted, value); }
    public long ConnectionsHandled { get => Interlocked.Read(ref _handled); set => Interlocked.Exchange(ref _handled, value); }
    public long TotalRequests { get => Interlocked.Read(ref _totalRequests); set => Interlocked.Exchange(ref _totalRequests, value); }

    /// <summary>Simulated traffic: <paramref name="requests"/> more requests served, <paramref name="active"/> connections open now.</summary>
    public void AddTraffic(long requests, long active)
    {
        Interlocked.Add(ref _totalRequests, requests);
        Interlocked.Add(ref _accepted, requests);
        Interlocked.Add(ref _handled, requests);
        Interlocked.Exchange(ref _active, active);
    }

    internal void ConnectionOpened()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _handled);
        Interlocked.Increment(ref _active);
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _active);

    internal void RequestStarted()
    {
        Interlocked.Increment(ref _totalRequests);
        Interlocked.Increment(ref _writing);
    }

    internal void RequestEnded() => Interlocked.Decrement(ref _writing);

    internal void Reset()
    {
        ConnectionsAccepted = ConnectionsHandled = TotalRequests = 0;
        ConnectionsReading = ConnectionsWriting = 0;
        _waiting = null;
    }
}
