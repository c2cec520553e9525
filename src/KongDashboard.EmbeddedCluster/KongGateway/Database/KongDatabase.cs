using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Database;

/// <summary>
/// The one "Postgres" every Kong node of a DB-mode cluster shares: entity tables keyed by primary key, kept in id order
/// (kong/db/strategies/postgres/init.lua pages with <c>ORDER BY id</c>, lines 1261 and 1277), a version that moves on
/// each committed write (what a node's <c>cluster_events</c> poll notices), and a log of every write request with who
/// sent it, so tests can prove which controller replica wrote.
/// </summary>
public sealed class KongDatabase
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _tables = [];
    private readonly List<DatabaseWrite> _writes = [];
    private long _version;

    public KongDatabase(TimeProvider? time = null) => Time = time ?? TimeProvider.System;

    public TimeProvider Time { get; }

    /// <summary>Moves on with every committed change (one per insert, update, upsert or delete, cascades included).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Every write request (POST, PUT, PATCH, DELETE) any node received, accepted or not, oldest first.</summary>
    public IReadOnlyList<DatabaseWrite> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Raised after each committed change, with the new version.</summary>
    public event Action<long>? Changed;

    /// <summary>A consistent copy of the rows of one table (entities are never mutated once stored).</summary>
    public IReadOnlyList<JsonObject> Rows(string plural)
    {
        lock (_lock)
        {
            return _tables.TryGetValue(plural, out var t) ? [.. t.Values] : [];
        }
    }

    /// <summary>Number of rows of every table (what a node's cache would hold).</summary>
    public IReadOnlyDictionary<string, int> Counts()
    {
        lock (_lock)
        {
            return _tables.Where(t => t.Value.Count > 0).ToDictionary(t => t.Key, t => t.Value.Count);
        }
    }

    internal void RecordWrite(DatabaseWrite write)
    {
        lock (_lock)
        {
            _writes.Add(write);
        }
    }

    /// <summary>Runs a read-check-write under the database lock, as one transaction; returns what it returns.</summary>
    internal T Transaction<T>(Func<DatabaseTables, T> work)
    {
        long? committed = null;
        T result;
        lock (_lock)
        {
            var tables = new DatabaseTables(_tables);
            result = work(tables);
            if (tables.Changed)
            {
                committed = ++_version;
            }
        }

        if (committed is { } version)
        {
            Changed?.Invoke(version);
        }

        return result;
    }
}

/// <summary>One write request as the database saw it.</summary>
public sealed record DatabaseWrite(DateTimeOffset At, string Node, string Method, string Path, int Status, string? UserAgent);

/// <summary>The tables inside a transaction.</summary>
internal sealed class DatabaseTables(Dictionary<string, SortedDictionary<string, JsonObject>> tables)
{
    public bool Changed { get; private set; }

    public IEnumerable<JsonObject> Rows(string plural) => tables.TryGetValue(plural, out var t) ? t.Values : [];

    public JsonObject? Get(string plural, string id) => tables.TryGetValue(plural, out var t) && t.TryGetValue(id, out var e) ? e : null;

    public void Put(string plural, JsonObject entity)
    {
        if (!tables.TryGetValue(plural, out var t))
        {
            tables[plural] = t = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        }

        t[entity["id"]!.GetValue<string>()] = entity;
        Changed = true;
    }

    public void Remove(string plural, string id)
    {
        if (tables.TryGetValue(plural, out var t) && t.Remove(id))
        {
            Changed = true;
        }
    }
}
