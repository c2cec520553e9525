using KongDashboard.EmbeddedCluster.KongGateway.Validation;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>One loaded configuration, swapped atomically as a whole (Kong rebuilds its router and cache per config).</summary>
internal sealed record GatewayState(DeclarativeDocument? Config, string Hash, LoadedEntities Entities, DateTimeOffset? LoadedAt)
{
    public static readonly GatewayState Empty = new(null, ConfigurationHash.Empty, LoadedEntities.Empty, null);

    public bool IsReady => Config is not null && Hash != ConfigurationHash.Empty;
}
