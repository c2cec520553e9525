namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>One accepted POST /config (201 loaded, or 304 same hash), in the order this gateway accepted them.</summary>
/// <param name="Sequence">Increasing per gateway: the order of acceptance, independent of clock resolution.</param>
/// <param name="UserAgent">Who pushed: kong-dashboard stamps its instance and leadership term here.</param>
public sealed record ConfigPush(long Sequence, DateTimeOffset At, int Status, string Hash, string? UserAgent);

/// <summary>A bounded log of accepted pushes, so tests can check from the gateway's side who pushed when.</summary>
public sealed class ConfigPushLog(int capacity = 5000)
{
    private readonly Lock _gate = new();
    private readonly Queue<ConfigPush> _pushes = new();
    private long _sequence;

    public IReadOnlyList<ConfigPush> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _pushes];
            }
        }
    }

    internal void Add(DateTimeOffset at, int status, string hash, string? userAgent)
    {
        lock (_gate)
        {
            _pushes.Enqueue(new ConfigPush(++_sequence, at, status, hash, userAgent));
            while (_pushes.Count > capacity)
            {
                _pushes.Dequeue();
            }
        }
    }
}
