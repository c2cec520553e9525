using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Sync;

/// <summary>What this replica knows about configuring Kong, published with every change.</summary>
public sealed record SyncState(
    bool Enabled,
    string? DisabledReason,
    ImmutableArray<GatewayStatus> Gateways,
    ConfigPayload? Desired,
    ConfigPayload? LastGood,
    FailedConfig? LastFailed,
    FallbackReport? Fallback)
{
    public static readonly SyncState Empty = new(false, "not started", [], null, null, null, null);

    public int InSync => Gateways.Count(g => g.State == GatewaySyncState.InSync);

    /// <summary>The SHA of the latest translation (also when a rejection keeps another configuration desired).</summary>
    public string? TranslatedSha { get; init; }

    /// <summary>What the Lease holder last published about its pushes; null on the leader itself or before it published.</summary>
    public LeaderPushes? Leader { get; init; }

    /// <summary>DB mode: this replica's last entity syncs (diffs, failed writes, drift corrected); null when DB-less.</summary>
    public Database.DbSyncHistory? Database { get; init; }

    /// <summary>DB mode: Kong's database backend as configured (<c>Kong:Database</c>, "postgres"); null when DB-less.</summary>
    public string? KongDatabase { get; init; }

    /// <summary>
    /// Kong is configured through static <c>Kong:AdminUrls</c> (no discovery, DB-less): the sidecar topology, where each
    /// replica configures only its own pod's Kong.
    /// </summary>
    public bool StaticAdminUrls { get; init; }

    /// <summary>DB mode: the last write to Kong's database, by this replica or as the Lease holder published it
    /// (the newer of the two: a replica that led before keeps its own old syncs).</summary>
    public Database.DbLastWrite? LastDatabaseWrite =>
        (Database?.LastWrite, Leader?.DatabaseWrite) switch
        {
            ({ } own, { } leaders) => own.At >= leaders.At ? own : leaders,
            var (own, leaders) => own ?? leaders,
        };

    /// <summary>Whether this replica knows each gateway's sync state: it pushes, or reads the leader's pushes.</summary>
    public bool KnowsGatewayStates => Enabled || Leader is not null;
}

/// <summary>A configuration Kong rejected, with Kong's errors mapped to objects.</summary>
public sealed record FailedConfig(ConfigPayload Payload, string Gateway, DateTimeOffset At, ImmutableArray<KongRejection> Rejections, string? RawError);

/// <summary>KIC's /debug/config/fallback: which objects were broken and which were excluded with them.</summary>
public sealed record FallbackReport(bool Triggered, DateTimeOffset At, ImmutableArray<ObjectRef> BrokenObjects, ImmutableArray<ObjectRef> ExcludedObjects)
{
    /// <summary>The rejected plugins among the broken objects, each with the objects it was attached to.</summary>
    public ImmutableArray<Translation.Fallback.RejectedPluginAttachments> RejectedPlugins { get; init; } = [];
}
