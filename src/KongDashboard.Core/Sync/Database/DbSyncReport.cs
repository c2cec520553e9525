using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Sync.Database;

public enum DbChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>One entity write of a sync: what, from which object, whether it corrected drift, and Kong's error if refused.</summary>
public sealed record DbEntityChange(DbChangeKind Change, string EntityKind, string EntityName, string Id, ObjectRef? Source, bool Drift, string? Error);

/// <summary>One DB-mode sync: full (dump + diff) or incremental (only what the translation changed).</summary>
public sealed record DbSyncReport(
    DateTimeOffset At,
    TimeSpan Duration,
    string Sha,
    bool Full,
    string Gateway,
    int WriteCalls,
    ImmutableArray<DbEntityChange> Changes,
    string? Error)
{
    public bool Success => Error is null && Changes.All(c => c.Error is null);

    public int DriftCorrected => Changes.Count(c => c.Drift && c.Error is null);
}

/// <summary>The last DB-mode syncs of this replica, newest first.</summary>
public sealed record DbSyncHistory(ImmutableArray<DbSyncReport> Reports)
{
    public static readonly DbSyncHistory Empty = new([]);

    /// <summary>The end of the newest sync that wrote (a sync that wrote nothing changed no node's state); null if none is kept.</summary>
    public DbLastWrite? LastWrite => Reports.FirstOrDefault(r => r.WriteCalls > 0) is { } report ? new DbLastWrite(report.At, report.Gateway) : null;
}
