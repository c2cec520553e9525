using System.Collections.Immutable;
using KongDashboard.Core.Sync;

namespace KongDashboard.Core.Status;

/// <summary>How many objects are in each state: derived from the board, so every page, the API and metrics agree.</summary>
public sealed record StatusCounts(int Total, int FailedToTranslate, int RejectedByKong, int Pending, int Applied, int NotForThisController)
{
    public static readonly StatusCounts Zero = new(0, 0, 0, 0, 0, 0);

    /// <summary>Failed to translate plus rejected by Kong: "failed" wherever the dashboard counts failures.</summary>
    public int Failed => FailedToTranslate + RejectedByKong;

    public int Of(ObjectState state) => state switch
    {
        ObjectState.FailedToTranslate => FailedToTranslate,
        ObjectState.RejectedByKong => RejectedByKong,
        ObjectState.Pending => Pending,
        ObjectState.Applied => Applied,
        _ => NotForThisController,
    };
}

/// <summary>
/// The per-object status model: one <see cref="ObjectStatus"/> for every translated object, computed once per
/// (translation, sync state) pair — pure, no clock, no I/O — and the single source for pages, /api/v1, the hub and
/// metrics.
/// </summary>
public sealed class StatusBoard
{
    public static readonly StatusBoard Empty = new([], StatusCounts.Zero);

    private readonly ImmutableDictionary<StatusKey, ObjectStatus> _byKey;

    private StatusBoard(ImmutableArray<ObjectStatus> all, StatusCounts counts)
    {
        All = all;
        Counts = counts;
        _byKey = all.ToImmutableDictionary(s => s.Key);
    }

    /// <summary>Every object's status, sorted by kind, namespace, name.</summary>
    public ImmutableArray<ObjectStatus> All { get; }

    public StatusCounts Counts { get; }

    /// <summary>The counts of the objects that route traffic (Ingress and the route kinds): the Translation header's.</summary>
    public StatusCounts RouteCounts => CountOf(All.Where(s => TranslatedObjects.RouteKinds.Contains(s.Key.Kind)));

    public ObjectStatus? Get(StatusKey key) => _byKey.GetValueOrDefault(key);

    public ObjectStatus? Get(string kind, string ns, string name) => Get(new StatusKey(kind, ns, name));

    public static StatusBoard Compute(ImmutableArray<TranslatedObject> objects, SyncState sync)
    {
        if (objects.IsDefaultOrEmpty)
        {
            return Empty;
        }

        var kong = new KongOutcome(sync);
        var all = objects.Select(kong.Evaluate).ToImmutableArray();
        return new StatusBoard(all, CountOf(all));
    }

    private static StatusCounts CountOf(IEnumerable<ObjectStatus> statuses)
    {
        int total = 0, failed = 0, rejected = 0, pending = 0, applied = 0, notOurs = 0;
        foreach (var status in statuses)
        {
            total++;
            switch (status.State)
            {
                case ObjectState.FailedToTranslate: failed++; break;
                case ObjectState.RejectedByKong: rejected++; break;
                case ObjectState.Pending: pending++; break;
                case ObjectState.Applied: applied++; break;
                default: notOurs++; break;
            }
        }

        return new StatusCounts(total, failed, rejected, pending, applied, notOurs);
    }
}
