using System.Collections.Immutable;

namespace KongDashboard.Core.Leadership;

/// <summary>Leader election as this replica sees it (the Lease, the candidates, the history of changes).</summary>
public sealed record LeadershipState(bool Enabled, string? DisabledReason)
{
    public static readonly LeadershipState Disabled = new(false, "leader election is off");

    /// <summary>This replica's identity in the election (its pod name).</summary>
    public string? Identity { get; init; }

    /// <summary>"namespace/name" of the Lease.</summary>
    public string? LeaseName { get; init; }

    /// <summary>True when this replica holds the Lease and may write (push, Events, status).</summary>
    public bool IsLeader { get; init; }

    /// <summary>The current holder as last observed ("" when released, null when the Lease does not exist).</summary>
    public string? Holder { get; init; }

    /// <summary>The Lease as last observed (live: updated on every watch event).</summary>
    public LeaseView? Lease { get; init; }

    /// <summary>The term this replica leads (or last led); stamped on every push it makes.</summary>
    public LeaseTerm? Term { get; init; }

    /// <summary>The timings in force.</summary>
    public ElectionTimings? Timings { get; init; }

    /// <summary>A hand-off request waiting on the Lease (annotations), if any.</summary>
    public HandOffRequest? PendingHandOff { get; init; }

    /// <summary>The outcome of the latest hand-off request, as recorded on the Lease.</summary>
    public HandOffResult? LastHandOff { get; init; }

    /// <summary>Ready pods that may lead (label app.kubernetes.io/name=kong-dashboard in the election namespace).</summary>
    public ImmutableArray<LeaderCandidate> Candidates { get; init; } = [];

    /// <summary>Leadership changes and hand-offs, newest first, bounded.</summary>
    public ImmutableArray<LeadershipEvent> Timeline { get; init; } = [];

    /// <summary>Problems worth showing (renew failures, refused hand-offs, errors talking to the API server).</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>When the Lease expires if not renewed, computed on read: renewTime + leaseDurationSeconds − now.</summary>
    public TimeSpan? TimeToExpiry(DateTimeOffset now) => Lease?.TimeToExpiry(now);
}

/// <summary>
/// A coordination.k8s.io/v1 Lease's spec as observed. A renewal (every RetryPeriod, 2 s by default) moves only
/// <see cref="RenewTime"/> and <see cref="ResourceVersion"/>: those are read live from <see cref="Live"/> and are not
/// part of the record's equality, so a renewal that changes nothing else publishes nothing and no page re-renders for
/// it (pages that show the renew time tick on their own clock and read it live).
/// </summary>
public sealed record LeaseView(
    string Holder,
    DateTimeOffset? AcquireTime,
    DateTimeOffset? RenewTime,
    int LeaseDurationSeconds,
    int LeaseTransitions,
    string? ResourceVersion,
    DateTimeOffset ObservedAt)
{
    private readonly DateTimeOffset? _renewTime = RenewTime;
    private readonly string? _resourceVersion = ResourceVersion;

    /// <summary>The elector's live view of the renewals (same instance for the elector's life), when one owns this view.</summary>
    public LeaseRenewals? Live { get; init; }

    public DateTimeOffset? RenewTime { get => Live is { } live ? live.RenewTime : _renewTime; init => _renewTime = value; }

    public string? ResourceVersion { get => Live is { } live ? live.ResourceVersion : _resourceVersion; init => _resourceVersion = value; }

    public DateTimeOffset? ExpiresAt => RenewTime?.AddSeconds(LeaseDurationSeconds);

    public TimeSpan? TimeToExpiry(DateTimeOffset now) => ExpiresAt is { } at ? at - now : null;

    public LeaseTerm Term => new(LeaseTransitions, Holder);

    public bool Equals(LeaseView? other) =>
        other is not null && Holder == other.Holder && AcquireTime == other.AcquireTime && LeaseDurationSeconds == other.LeaseDurationSeconds
        && LeaseTransitions == other.LeaseTransitions && ReferenceEquals(Live, other.Live) && (Live is not null || (RenewTime == other.RenewTime && ResourceVersion == other.ResourceVersion));

    public override int GetHashCode() => HashCode.Combine(Holder, AcquireTime, LeaseDurationSeconds, LeaseTransitions);
}

/// <summary>The Lease's renew time and resourceVersion as last observed: written by the elector, read by pages when they render.</summary>
public sealed class LeaseRenewals
{
    private readonly Lock _gate = new();
    private (DateTimeOffset? RenewTime, string? ResourceVersion) _latest;

    public DateTimeOffset? RenewTime
    {
        get
        {
            lock (_gate)
            {
                return _latest.RenewTime;
            }
        }
    }

    public string? ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _latest.ResourceVersion;
            }
        }
    }

    internal void Observe(DateTimeOffset? renewTime, string? resourceVersion)
    {
        lock (_gate)
        {
            _latest = (renewTime, resourceVersion);
        }
    }
}

/// <summary>One term of leadership: the Lease's leaseTransitions and holder. Strictly increasing with every change of holder.</summary>
public sealed record LeaseTerm(int Transitions, string Holder)
{
    public override string ToString() => $"{Transitions}:{Holder}";

    /// <summary>Parses "transitions:holder".</summary>
    public static LeaseTerm? Parse(string? text)
    {
        var colon = text?.IndexOf(':') ?? -1;
        return colon > 0 && int.TryParse(text![..colon], out var transitions) ? new LeaseTerm(transitions, text[(colon + 1)..]) : null;
    }
}

public sealed record ElectionTimings(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod);

/// <summary>A hand-off request: annotations kong-dashboard.io/handoff-to, -requested-by, -requested-at on the Lease.</summary>
public sealed record HandOffRequest(string Target, string? RequestedBy, DateTimeOffset? RequestedAt);

public enum HandOffOutcome
{
    Completed,
    Refused,
    Failed,
}

/// <summary>
/// The outcome recorded on the Lease (annotation kong-dashboard.io/handoff-result). <see cref="FirstPushAt"/> is added
/// by the new leader after its first successful push; <see cref="Duration"/> is then request → that push.
/// </summary>
public sealed record HandOffResult(
    HandOffOutcome Outcome,
    string Target,
    string From,
    string? RequestedBy,
    DateTimeOffset? RequestedAt,
    DateTimeOffset At,
    string? Reason)
{
    public DateTimeOffset? FirstPushAt { get; init; }

    public TimeSpan? Duration => RequestedAt is { } requested && FirstPushAt is { } pushed ? pushed - requested : null;
}

public sealed record LeaderCandidate(
    string Identity,
    string Pod,
    string? Node,
    bool Ready,
    DateTimeOffset? LastSeen,
    bool IsThisReplica,
    bool IsLeader);

public enum LeadershipEventKind
{
    /// <summary>A holder took the Lease (acquired, taken over after expiry, or handed it).</summary>
    NewLeader,

    /// <summary>This replica started leading.</summary>
    StartedLeading,

    /// <summary>This replica stopped leading (released, handed off, could not renew, shut down).</summary>
    StoppedLeading,

    /// <summary>The holder released the Lease (holderIdentity "").</summary>
    Released,

    HandOffRequested,
    HandOffCompleted,
    HandOffRefused,

    /// <summary>The new leader's first successful push after a hand-off or takeover.</summary>
    FirstPush,
}

/// <summary>One entry of the timeline. <see cref="Duration"/>: for FirstPush, since the request or the previous term's end.</summary>
public sealed record LeadershipEvent(
    DateTimeOffset At,
    LeadershipEventKind Kind,
    string? Holder,
    LeaseTerm? Term,
    string Message,
    TimeSpan? Duration = null);
