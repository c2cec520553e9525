namespace KongDashboard.Core.Sync;

/// <summary>
/// Configurations Kong refused (by SHA-256) and what was sent instead: a translation that comes out the same again
/// goes straight to that recovery. Bounded: the oldest are forgotten first.
/// </summary>
internal sealed class RejectedConfigs(int capacity = 32)
{
    private readonly Dictionary<string, ConfigPayload?> _recoveries = [];
    private readonly Queue<string> _order = new();

    public bool Contains(string sha) => _recoveries.ContainsKey(sha);

    public bool TryGet(string sha, out ConfigPayload? recovery) => _recoveries.TryGetValue(sha, out recovery);

    public void Add(string sha, ConfigPayload? recovery)
    {
        if (!_recoveries.TryAdd(sha, recovery))
        {
            return;
        }

        _order.Enqueue(sha);
        if (_order.Count > capacity)
        {
            _recoveries.Remove(_order.Dequeue());
        }
    }
}
