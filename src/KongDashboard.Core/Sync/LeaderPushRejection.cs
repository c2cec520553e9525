using System.Collections.Immutable;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Sync;

/// <summary>One object as the leader publishes it: kind/namespace/name and Kong's errors about it (redacted, bounded).</summary>
public sealed record LeaderObject(string Kind, string Namespace, string Name, ImmutableArray<string> Messages);

/// <summary>
/// What a follower needs to compute the same per-object states as the leader after Kong rejected configuration
/// <see cref="Sha"/>: the objects Kong's errors named, and the objects the fallback left out. Bounded: at most
/// <see cref="MaxObjects"/> of each, the rest counted in <see cref="MoreRejected"/> / <see cref="MoreLeftOut"/>.
/// </summary>
public sealed record LeaderPushRejection(
    string Sha,
    ImmutableArray<LeaderObject> Rejected,
    int MoreRejected,
    ImmutableArray<LeaderObject> LeftOut,
    int MoreLeftOut)
{
    public const int MaxObjects = 100;
    public const int MaxMessages = 3;

    /// <summary>"…and N more" for a reason text; empty when nothing was cut.</summary>
    public string MoreText => (MoreRejected + MoreLeftOut) switch
    {
        0 => "",
        var more => $" …and {more} more object(s) not listed by the leader.",
    };

    /// <summary>
    /// The leader's current rejection, or null: only a rejection the status board counts (of the configuration being
    /// pushed, or the one whose recovery is pushed — <see cref="Status.KongOutcome.IsCurrent"/>).
    /// </summary>
    public static LeaderPushRejection? Of(SyncState sync)
    {
        if (!Status.KongOutcome.IsCurrent(sync.LastFailed, sync.Desired))
        {
            return null;
        }

        var rejected = sync.LastFailed!.Rejections
            .Where(r => r.Object is not null)
            .GroupBy(r => Status.TranslatedObjects.Key(r.Object!))
            .OrderBy(g => g.Key)
            .Select(g => new LeaderObject(g.Key.Kind, g.Key.Namespace, g.Key.Name,
                [.. g.Select(r => r.Message).Distinct().Take(MaxMessages).Select(m => LeaderPushes.Bounded(SecretRedactor.Scrub(m)))]))
            .ToList();
        var leftOut = sync.Desired!.Kind == PayloadKind.Fallback && sync.Fallback is { Triggered: true } fallback
            ? fallback.BrokenObjects.Concat(fallback.ExcludedObjects).Select(Status.TranslatedObjects.Key).Distinct().Order()
                .Select(k => new LeaderObject(k.Kind, k.Namespace, k.Name, [])).ToList()
            : [];
        return new LeaderPushRejection(sync.LastFailed.Payload.Sha,
            [.. rejected.Take(MaxObjects)], Math.Max(0, rejected.Count - MaxObjects),
            [.. leftOut.Take(MaxObjects)], Math.Max(0, leftOut.Count - MaxObjects));
    }
}
