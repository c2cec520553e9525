using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Sync;

public enum GatewaySyncState
{
    /// <summary>Not yet reached or nothing pushed yet.</summary>
    Pending,

    /// <summary>Kong serves the configuration we last pushed (its hash matches what it reported after our push).</summary>
    InSync,

    /// <summary>Kong is reachable but serves something else: a newer config is on its way, it restarted, or it rejected ours.</summary>
    OutOfSync,

    /// <summary>The Admin API does not answer.</summary>
    Unreachable,

    /// <summary>The last push of the wanted configuration to it failed with Kong's errors (400).</summary>
    Rejected,
}

/// <summary>One push attempt to one gateway.</summary>
public sealed record PushRecord(
    DateTimeOffset At,
    TimeSpan Duration,
    string Sha,
    PayloadKind Kind,
    bool Success,
    int? StatusCode,
    string Summary,
    ImmutableArray<KongRejection> Rejections,
    int Bytes)
{
    /// <summary>Kong's raw error body for a rejection, kept for /debug/config/raw-error.</summary>
    public string? RawError { get; init; }

    /// <summary>The configuration_hash Kong reported right after applying this push (what followers compare with).</summary>
    public string? KongHash { get; init; }

    /// <summary>The replica that pushed, when it is not this one (a follower shows the leader's pushes).</summary>
    public string? PushedBy { get; init; }
}

/// <summary>
/// What the dashboard shows of one Kong gateway. A new instance only when something a page acts on changed: the
/// per-poll values (when /status was last read, its counters) are read live from <see cref="Live"/> and are not part of
/// the record's equality, so a poll that changes nothing publishes nothing.
/// </summary>
public sealed record GatewayStatus(
    string Id,
    Uri AdminUrl,
    ObjectKey? Pod,
    string? Node,
    bool Reachable,
    string? KongVersion,
    string? ConfigurationHash,
    GatewaySyncState State,
    string? AppliedSha,
    PushRecord? LastPush,
    ImmutableArray<PushRecord> History,
    long? ConnectionsActive,
    long? TotalRequests,
    string? LastError,
    DateTimeOffset? LastSeenAt)
{
    private readonly long? _connectionsActive = ConnectionsActive;
    private readonly long? _totalRequests = TotalRequests;
    private readonly DateTimeOffset? _lastSeenAt = LastSeenAt;

    /// <summary>DB mode: whether the node reached its database at the last /status (<c>database.reachable</c>); null when DB-less.</summary>
    public bool? DatabaseReachable { get; init; }

    /// <summary>DB mode: the node's polling settings from <c>GET /</c>, which bound when it serves a database change.</summary>
    public Database.NodePollSettings? DatabasePolling { get; init; }

    /// <summary>The gateway's live probe (same instance for the gateway's whole life), when a sync loop owns it.</summary>
    public GatewayProbe? Live { get; init; }

    public long? ConnectionsActive { get => Live?.ConnectionsActive ?? _connectionsActive; init => _connectionsActive = value; }

    public long? TotalRequests { get => Live?.TotalRequests ?? _totalRequests; init => _totalRequests = value; }

    /// <summary>When /status last answered ("last checked").</summary>
    public DateTimeOffset? LastSeenAt { get => Live?.LastSeenAt ?? _lastSeenAt; init => _lastSeenAt = value; }
}

/// <summary>
/// What each /status poll reads and nothing acts on (Kong's own request counter moves with every poll): written by the
/// gateway's loop, read by pages when they render; never published.
/// </summary>
public sealed class GatewayProbe
{
    private long _connectionsActive = -1;
    private long _totalRequests = -1;
    private long _lastSeenTicks;

    public long? ConnectionsActive => Interlocked.Read(ref _connectionsActive) is >= 0 and var v ? v : null;

    public long? TotalRequests => Interlocked.Read(ref _totalRequests) is >= 0 and var v ? v : null;

    public DateTimeOffset? LastSeenAt => Interlocked.Read(ref _lastSeenTicks) is > 0 and var t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    internal void Observe(KongNodeStatus status, DateTimeOffset at)
    {
        Interlocked.Exchange(ref _connectionsActive, status.Server?.ConnectionsActive ?? -1);
        Interlocked.Exchange(ref _totalRequests, status.Server?.TotalRequests ?? -1);
        Interlocked.Exchange(ref _lastSeenTicks, at.UtcTicks);
    }
}
