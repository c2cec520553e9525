using System.Collections.Immutable;

namespace KongDashboard.Core.Leadership;

/// <summary>Leader election as this replica sees it (the Lease, the candidates, the history of changes).</summary>
public sealed record LeadershipState(bool Enabled, string? DisabledReason)
{
    public static readonly LeadershipState Disabled = new(false, "leader election is off");

    /// <summary>True when this replica holds the Lease and may write (push, Events, status).</summary>
    public bool IsLeader { get; init; }

    public string? Holder { get; init; }

    public ImmutableArray<string> Notes { get; init; } = [];
}
