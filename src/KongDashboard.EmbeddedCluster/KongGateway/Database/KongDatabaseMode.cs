namespace KongDashboard.EmbeddedCluster.KongGateway.Database;

/// <summary>The embedded cluster's <c>KongDatabase</c> setting, read as Kong reads its <c>database</c> property.</summary>
public static class KongDatabaseMode
{
    /// <summary>A shared database for "postgres", none for "off"; anything else is refused, naming the value.</summary>
    public static KongDatabase? Create(string? setting) => (setting ?? "off").Trim().ToLowerInvariant() switch
    {
        "" or "off" => null,
        "postgres" => new KongDatabase(),
        var other => throw new ArgumentException(
            $"Cluster:Embedded:KongDatabase \"{other}\" is not a supported database backend (use \"off\" or \"postgres\").", nameof(setting)),
    };
}
