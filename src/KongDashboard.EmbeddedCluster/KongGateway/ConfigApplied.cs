namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>Raised after a POST /config was accepted and loaded.</summary>
/// <param name="Hash">The new configuration hash (32 hex chars).</param>
/// <param name="AppliedAt">When it was loaded.</param>
/// <param name="EntityCounts">Loaded entities per type ("services", "routes", …), nested ones included.</param>
public sealed record ConfigApplied(string Hash, DateTimeOffset AppliedAt, IReadOnlyDictionary<string, int> EntityCounts);
