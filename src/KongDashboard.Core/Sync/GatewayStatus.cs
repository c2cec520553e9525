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
}

/// <summary>What the dashboard shows of one Kong gateway.</summary>
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
    DateTimeOffset? LastSeenAt);
