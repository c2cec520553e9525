using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Leadership;

/// <summary>What this replica has observed of the Lease and the candidates, and the state it publishes from that.</summary>
public sealed partial class LeaderElector
{
    private const int TimelineLength = 100;
    private const int NotesLength = 10;

    private readonly Lock _observeGate = new();
    private readonly LeaseRenewals _renewals = new();
    private V1Lease? _observed;
    private ObservedRecord? _observedRecord;
    private long _observedAt;
    private string? _observedRequest;
    private string? _observedResult;
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private ImmutableArray<LeadershipEvent> _timeline = [];
    private ImmutableArray<string> _notes = [];
    private DateTimeOffset? _firstPush;
    private DateTimeOffset _termStarted;

    /// <summary>Time left before the observed record expires, by this replica's monotonic clock (null: nothing observed).</summary>
    private TimeSpan? UntilExpiry()
    {
        lock (_observeGate)
        {
            if (_observedRecord is not { } record)
            {
                return null;
            }

            var duration = TimeSpan.FromSeconds(record.Duration is > 0 ? record.Duration.Value : Options.LeaseDuration.TotalSeconds);
            return duration - _time.GetElapsedTime(_observedAt);
        }
    }

    private ImmutableArray<LeaderCandidate> Candidates()
    {
        lock (_observeGate)
        {
            return CandidatePods.From(_snapshot, Options, _observed?.Spec?.HolderIdentity);
        }
    }

    /// <summary>Follows the Lease and the candidate pods through the replica's watch-fed store.</summary>
    private async Task WatchLeaseAsync(CancellationToken cancellationToken)
    {
        V1Lease? last = null;
        await foreach (var snapshot in _snapshots.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            lock (_observeGate)
            {
                _snapshot = snapshot;
            }

            var lease = snapshot.Leases.Get(Options.Namespace, Options.LeaseName);
            if (ReferenceEquals(lease, last))
            {
                Publish();
                continue;
            }

            last = lease;
            Observe(lease);
            var holder = lease?.Spec?.HolderIdentity ?? "";
            var wake = IsLeader
                ? holder != Identity || LeaseAnnotations.Request(lease) is not null
                : lease is not null && (holder == Identity || holder.Length == 0);
            if (wake)
            {
                Wake();
            }
        }
    }

    /// <summary>
    /// Records a read of the Lease. The observed time moves only when the record changes, so expiry is judged by
    /// this replica's clock (client-go's observedTime), tolerant of skew between the holder's clock and ours.
    /// </summary>
    private void Observe(V1Lease? lease)
    {
        var events = new List<LeadershipEvent>();
        lock (_observeGate)
        {
            if (lease is not null && _observed is not null && IsOlder(lease, _observed))
            {
                return; // a watch event older than what a GET already showed
            }

            _observed = lease;
            var spec = lease?.Spec;
            ObservedRecord? record = lease is null ? null
                : new ObservedRecord(spec?.HolderIdentity ?? "", spec?.RenewTime, spec?.AcquireTime, spec?.LeaseTransitions, spec?.LeaseDurationSeconds);
            if (record != _observedRecord)
            {
                var previous = _observedRecord;
                _observedRecord = record;
                _observedAt = _time.GetTimestamp();
                if (record is { } now && (previous is null || previous.Value.Holder != now.Holder || previous.Value.Transitions != now.Transitions))
                {
                    events.Add(now.Holder.Length == 0
                        ? new LeadershipEvent(_time.GetUtcNow(), LeadershipEventKind.Released, "", null, $"the Lease was released{(previous is { Holder.Length: > 0 } p ? $" by {p.Holder}" : "")}")
                        : new LeadershipEvent(_time.GetUtcNow(), LeadershipEventKind.NewLeader, now.Holder, new LeaseTerm(now.Transitions ?? 0, now.Holder),
                            $"{now.Holder} holds term {now.Transitions ?? 0}{(previous is { Holder.Length: > 0 } p2 && p2.Holder != now.Holder ? $" (after {p2.Holder})" : "")}"));
                }
            }

            var request = LeaseAnnotations.Request(lease);
            var requestKey = request is null ? null : $"{request.Target}|{request.RequestedAt:O}";
            if (requestKey != _observedRequest)
            {
                _observedRequest = requestKey;
                if (request is not null)
                {
                    events.Add(new LeadershipEvent(_time.GetUtcNow(), LeadershipEventKind.HandOffRequested, spec?.HolderIdentity, null,
                        $"hand-off to {request.Target} requested by {request.RequestedBy ?? "(unknown)"}"));
                }
            }

            var resultText = LeaseAnnotations.Get(lease, LeaseAnnotations.Result);
            if (resultText != _observedResult)
            {
                var wasKnown = _observedResult is not null;
                _observedResult = resultText;
                var result = LeaseAnnotations.ResultOf(lease);
                var isOnlyFirstPush = result is { FirstPushAt: not null };
                if (result is not null && !isOnlyFirstPush && (wasKnown || request is null))
                {
                    events.Add(result.Outcome == HandOffOutcome.Completed
                        ? new LeadershipEvent(result.At, LeadershipEventKind.HandOffCompleted, result.Target, null, $"{result.From} handed the Lease to {result.Target}")
                        : new LeadershipEvent(result.At, LeadershipEventKind.HandOffRefused, result.From, null, $"hand-off to {result.Target} refused: {result.Reason}"));
                }
            }
        }

        foreach (var e in events)
        {
            AddEvent(e);
        }

        Publish();
    }

    private static bool IsOlder(V1Lease lease, V1Lease than) =>
        long.TryParse(lease.Metadata?.ResourceVersion, out var a) && long.TryParse(than.Metadata?.ResourceVersion, out var b) && a < b;

    private void AddEvent(LeadershipEventKind kind, string? holder, LeaseTerm? term, string message, TimeSpan? duration = null) =>
        AddEvent(new LeadershipEvent(_time.GetUtcNow(), kind, holder, term, message, duration));

    private void AddEvent(LeadershipEvent entry)
    {
        lock (_observeGate)
        {
            _timeline = _timeline.Insert(0, entry);
            if (_timeline.Length > TimelineLength)
            {
                _timeline = _timeline.RemoveRange(TimelineLength, _timeline.Length - TimelineLength);
            }
        }

        Publish();
    }

    private void Note(string note)
    {
        lock (_observeGate)
        {
            _notes = _notes.Insert(0, $"{_time.GetUtcNow():HH:mm:ss} {note}");
            if (_notes.Length > NotesLength)
            {
                _notes = _notes.RemoveAt(NotesLength);
            }
        }

        _logger.LogWarning("{Identity}: {Note}", Identity, note);
        Publish();
    }

    private void Publish()
    {
        var leading = IsLeader;
        var term = Term;
        lock (_observeGate)
        {
            var lease = _observed;
            var spec = lease?.Spec;
            _renewals.Observe(Utc(spec?.RenewTime), lease?.Metadata?.ResourceVersion);
            var view = lease is null ? null : new LeaseView(
                spec?.HolderIdentity ?? "",
                Utc(spec?.AcquireTime),
                Utc(spec?.RenewTime),
                spec?.LeaseDurationSeconds ?? 0,
                spec?.LeaseTransitions ?? 0,
                lease.Metadata?.ResourceVersion,
                _time.GetUtcNow())
            { Live = _renewals };
            var timeline = _timeline;
            var notes = _notes;
            var candidates = CandidatePods.From(_snapshot, Options, spec?.HolderIdentity);
            // A renewal alone (renew time and resourceVersion, read live through the view) leaves the state as it is.
            _state.Update(s =>
            {
                var next = s with
                {
                    IsLeader = leading,
                    Term = term,
                    Holder = spec?.HolderIdentity ?? (lease is null ? null : ""),
                    Lease = view is not null && view == s.Lease ? s.Lease : view,
                    PendingHandOff = LeaseAnnotations.Request(lease),
                    LastHandOff = LeaseAnnotations.ResultOf(lease),
                    Candidates = candidates.SequenceEqual(s.Candidates) ? s.Candidates : candidates,
                    Timeline = timeline,
                    Notes = notes,
                };
                return next == s ? s : next;
            });
        }
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)) : null;

    private readonly record struct ObservedRecord(string Holder, DateTime? Renew, DateTime? Acquire, int? Transitions, int? Duration);
}
