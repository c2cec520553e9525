namespace KongDashboard.EmbeddedCluster.KongGateway.Database;

/// <summary>
/// What one Kong node serves from: the database as it was at this node's last look. A node's own writes invalidate
/// its cache at once; other nodes' writes reach it at its next <c>cluster_events</c> poll, every
/// <c>db_update_frequency</c> (kong/cluster_events/init.lua; default 5 s, kong/templates/kong_defaults.lua).
/// </summary>
public sealed class NodeCache : IDisposable
{
    private readonly KongDatabase _database;
    private readonly ITimer _poll;
    private NodeCacheState _state = NodeCacheState.Empty;

    public NodeCache(KongDatabase database, TimeSpan updateFrequency)
    {
        _database = database;
        UpdateFrequency = updateFrequency;
        _poll = database.Time.CreateTimer(_ => Refresh(), null, TimeSpan.Zero, updateFrequency);
    }

    public TimeSpan UpdateFrequency { get; }

    public NodeCacheState State => Volatile.Read(ref _state);

    /// <summary>Whether this node serves the database's latest state.</summary>
    public bool IsCurrent => State.Version == _database.Version;

    /// <summary>Reads the database now (a poll, or this node's own write, or a restart).</summary>
    public void Refresh() => Volatile.Write(ref _state, new NodeCacheState(_database.Version, _database.Counts(), _database.Time.GetUtcNow()));

    /// <summary>A restarted node has nothing cached until it reads the database again.</summary>
    public void Clear() => Volatile.Write(ref _state, NodeCacheState.Empty);

    public void Dispose() => _poll.Dispose();
}

/// <summary>The database version a node last read, its entity counts and when.</summary>
public sealed record NodeCacheState(long Version, IReadOnlyDictionary<string, int> Counts, DateTimeOffset? ReadAt)
{
    public static readonly NodeCacheState Empty = new(-1, new Dictionary<string, int>(), null);
}
