using k8s.Models;
using KongDashboard.Core.Signals;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Leadership;

/// <summary>
/// Targeted hand-off: the leader stops its work, waits for in-flight pushes, then writes holderIdentity = target with
/// fresh times and leaseTransitions + 1 in one PUT. Nobody else can lead in between: the Lease never looks free or
/// expired, and the target's own elector starts as soon as it sees itself as holder.
/// </summary>
public sealed partial class LeaderElector
{
    private bool _firstPushToRecord;

    /// <summary>
    /// The replica's work reports each successful push; the first of a term closes a hand-off's duration, timed on the
    /// elector's clock (the same clock as the request and the term's start).
    /// </summary>
    public void OnPushSucceeded()
    {
        var at = _time.GetUtcNow();
        LeaseTerm? term;
        lock (_gate)
        {
            if (!_leading || _firstPush is not null)
            {
                return;
            }

            _firstPush = at;
            term = _term;
        }

        V1Lease? lease;
        lock (_observeGate)
        {
            lease = _observed;
        }

        if (HandedToThisTerm(lease, term) is { RequestedAt: { } requested } result)
        {
            var duration = at - requested;
            LeadershipMetrics.HandOffDuration(Identity, duration);
            _firstPushToRecord = true;
            AddEvent(LeadershipEventKind.FirstPush, Identity, term,
                $"{Identity} pushed {duration.TotalMilliseconds:0} ms after the hand-off request from {result.RequestedBy ?? "(unknown)"}", duration);
            Wake(); // record the first push on the Lease with the next renew, now
        }
        else
        {
            var duration = at - _termStarted;
            AddEvent(LeadershipEventKind.FirstPush, Identity, term, $"{Identity} pushed {duration.TotalMilliseconds:0} ms after taking the Lease", duration);
        }
    }

    private HandOffResult? HandedToThisTerm(V1Lease? lease, LeaseTerm? term) =>
        term is not null && LeaseAnnotations.ResultOf(lease) is { Outcome: HandOffOutcome.Completed } result
        && result.Target == Identity && LeaseAnnotations.ResultTerm(lease) == term.Transitions
            ? result
            : null;

    /// <summary>Adds firstPushAt to the hand-off result when this leader's first push completed it.</summary>
    private void AddFirstPush(V1Lease lease)
    {
        if (!_firstPushToRecord || _firstPush is not { } at || HandedToThisTerm(lease, Term) is not { FirstPushAt: null } result)
        {
            return;
        }

        LeaseAnnotations.SetResult(lease, result with { FirstPushAt = at }, Term!.Transitions);
        _firstPushToRecord = false;
    }

    private async Task<TimeSpan> HandOffAsync(V1Lease lease, HandOffRequest request, CancellationToken cancellationToken)
    {
        var (target, refusal) = ResolveTarget(request);
        var now = _time.GetUtcNow().UtcDateTime;
        if (refusal is not null)
        {
            LeaseAnnotations.Complete(lease, new HandOffResult(HandOffOutcome.Refused, request.Target, Identity, request.RequestedBy, request.RequestedAt, now, refusal), null);
            var sent = _time.GetTimestamp();
            lease.Spec.RenewTime = now;
            using var refuse = RequestTimeout(Options.RenewDeadline, cancellationToken);
            if (await _lease.ReplaceAsync(lease, refuse.Token).ConfigureAwait(false) is { } refused)
            {
                Renewed(refused, sent);
                Note($"hand-off to '{request.Target}' refused: {refusal}");
                return Options.RetryPeriod;
            }

            return TimeSpan.Zero;
        }

        StopLeading($"handing off to {target}", LeadershipEventKind.StoppedLeading);
        using (var drain = RequestTimeout(Options.RenewDeadline, cancellationToken))
        {
            try
            {
                await _work.DrainAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A push still in flight could overlap the target's: keep the Lease (the next step re-leads and retries).
                Note($"hand-off to {target} postponed: a push is still in flight after {Options.RenewDeadline.TotalSeconds:0} s");
                return TimeSpan.Zero;
            }
        }

        var at = _time.GetUtcNow().UtcDateTime;
        var spec = lease.Spec;
        spec.HolderIdentity = target;
        spec.AcquireTime = at;
        spec.RenewTime = at;
        spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
        spec.LeaseDurationSeconds = (int)Options.LeaseDuration.TotalSeconds;
        LeaseAnnotations.Complete(lease, new HandOffResult(HandOffOutcome.Completed, target!, Identity, request.RequestedBy, request.RequestedAt, at, null), spec.LeaseTransitions);
        using var write = RequestTimeout(Options.RenewDeadline, cancellationToken);
        if (await _lease.ReplaceAsync(lease, write.Token).ConfigureAwait(false) is not { } written)
        {
            return TimeSpan.Zero; // the Lease changed meanwhile: read it again (still ours → lead again and retry)
        }

        Observe(written);
        _logger.LogInformation("{Identity} handed the Lease to {Target} (term {Term})", Identity, target, spec.LeaseTransitions);
        return Options.RetryPeriod;
    }

    private (string? Target, string? Refusal) ResolveTarget(HandOffRequest request)
    {
        var candidates = Candidates();
        var others = candidates.Where(c => c.Ready && !c.IsThisReplica).Select(c => c.Identity).ToList();
        if (request.Target == LeaseAnnotations.AnyCandidate)
        {
            return others.Count == 0 ? (null, "no other ready candidate") : (others[Random.Shared.Next(others.Count)], null);
        }

        if (request.Target == Identity)
        {
            return (null, $"{Identity} already leads");
        }

        if (others.Contains(request.Target))
        {
            return (request.Target, null);
        }

        var known = candidates.Any(c => c.Identity == request.Target);
        return (null, known
            ? $"{request.Target} is not ready"
            : $"{request.Target} is not a candidate: candidates are the ready pods labelled {Options.CandidateLabel} in namespace {Options.Namespace} ({(others.Count == 0 ? "none besides the leader" : string.Join(", ", others))})");
    }
}
