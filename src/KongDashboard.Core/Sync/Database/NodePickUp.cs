namespace KongDashboard.Core.Sync.Database;

/// <summary>The leader's last write to Kong's database: when it ended and through which gateway's Admin API.</summary>
public sealed record DbLastWrite(DateTimeOffset At, string Gateway);

public enum NodePickUpState
{
    /// <summary>No write to the database seen yet, so nothing to pick up.</summary>
    NoWriteSeen,

    /// <summary>The node's polling settings say it serves the last write by now.</summary>
    PickedUp,

    /// <summary>The last write is younger than the node's polling bound: it serves it within <see cref="NodePickUp.Remaining"/>.</summary>
    Within,

    /// <summary>The node reports it cannot reach the database: it serves what it had cached and picks up nothing.</summary>
    DatabaseUnreachable,

    /// <summary>The node's Admin API does not answer, or it did not report its polling settings.</summary>
    Unknown,
}

/// <summary>
/// Whether one DB-mode node has picked up the last database write. Kong 3.9.1 exposes no per-node version of the
/// database state it serves (the router version lives in the node's shared memory, kong/runloop/handler.lua:340-342;
/// <c>/status</c> has only <c>database.reachable</c>, kong/api/routes/health.lua:42-64), so this is derived: the time
/// since the write against the node's own polling bound (<see cref="NodePollSettings.Bound"/>).
/// </summary>
public sealed record NodePickUp(NodePickUpState State, TimeSpan Remaining, TimeSpan? Bound)
{
    public static NodePickUp Judge(GatewayStatus node, DbLastWrite? write, DateTimeOffset now)
    {
        if (!node.Reachable)
        {
            return new(NodePickUpState.Unknown, TimeSpan.Zero, null);
        }

        if (node.DatabaseReachable == false)
        {
            return new(NodePickUpState.DatabaseUnreachable, TimeSpan.Zero, null);
        }

        if (node.DatabasePolling is not { } polling)
        {
            return new(NodePickUpState.Unknown, TimeSpan.Zero, null);
        }

        var bound = polling.Bound(write?.Gateway == node.Id);
        if (write is null)
        {
            return new(NodePickUpState.NoWriteSeen, TimeSpan.Zero, bound);
        }

        var remaining = write.At + bound - now;
        return remaining > TimeSpan.Zero ? new(NodePickUpState.Within, remaining, bound) : new(NodePickUpState.PickedUp, TimeSpan.Zero, bound);
    }
}
