using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Refit;

namespace KongDashboard.Core.Sync;

/// <summary>The part of Kong's Admin API the controller uses (KIC: go-kong's root, status and DB-less reload calls).</summary>
public interface IKongAdminApi
{
    [Get("/")]
    Task<KongNodeInfo> GetNodeInfoAsync(CancellationToken cancellationToken = default);

    [Get("/status")]
    Task<KongNodeStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>DB-less: the loaded declarative configuration (kong/api/routes/config.lua GET), as a YAML or JSON string.</summary>
    [Get("/config")]
    Task<KongConfigExport> GetConfigAsync(CancellationToken cancellationToken = default);

    /// <summary>DB-less reload with KIC's query: skip when the hash is unchanged, and flattened errors on rejection.</summary>
    [Post("/config?check_hash=1&flatten_errors=1")]
    [Headers("Content-Type: application/json")]
    Task<IApiResponse<string>> PostConfigAsync([Body] Stream body, CancellationToken cancellationToken = default);
}

public sealed record KongConfigExport
{
    [JsonPropertyName("config")] public string? Config { get; init; }
}

public sealed record KongNodeInfo
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("hostname")] public string? Hostname { get; init; }
    [JsonPropertyName("node_id")] public string? NodeId { get; init; }
    [JsonPropertyName("configuration")] public JsonObject? Configuration { get; init; }

    public string? Database => Configuration?["database"]?.GetValue<string>();

    public string? RouterFlavor => Configuration?["router_flavor"]?.GetValue<string>();

    /// <summary>kong.conf <c>db_update_frequency</c> (s): how often the node polls <c>cluster_events</c> (kong/global.lua:229).</summary>
    public double? DbUpdateFrequency => Seconds("db_update_frequency");

    /// <summary>kong.conf <c>db_update_propagation</c> (s): the delay given to other nodes' invalidation events.</summary>
    public double? DbUpdatePropagation => Seconds("db_update_propagation");

    /// <summary>kong.conf <c>worker_state_update_frequency</c> (s): the period of the router-rebuild timer (kong/runloop/handler.lua:1014).</summary>
    public double? WorkerStateUpdateFrequency => Seconds("worker_state_update_frequency");

    private double? Seconds(string key) =>
        Configuration?[key] is JsonValue { } value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
        && double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds >= 0 ? seconds : null;
}

public sealed record KongNodeStatus
{
    /// <summary>All zeros means no configuration loaded (a new or restarted Kong).</summary>
    public const string EmptyHash = "00000000000000000000000000000000";

    [JsonPropertyName("configuration_hash")] public string? ConfigurationHash { get; init; }
    [JsonPropertyName("server")] public KongServerCounters? Server { get; init; }

    /// <summary>DB mode only (kong/api/routes/health.lua:42-64): whether the node could connect to its database.</summary>
    [JsonPropertyName("database")] public KongDatabaseStatus? Database { get; init; }

    public bool HasConfiguration => ConfigurationHash is { Length: > 0 } hash && hash != EmptyHash;

    /// <summary>
    /// Kong's well-known hash of an empty configuration (KIC's WellKnownInitialHash, config_change_detector.go:17): a new
    /// or restarted Kong, or one that was sent an empty configuration. No hash at all (DB mode) is not "empty".
    /// </summary>
    public bool ReportsEmptyConfiguration => ConfigurationHash == EmptyHash;
}

public sealed record KongDatabaseStatus
{
    [JsonPropertyName("reachable")] public bool Reachable { get; init; }
}

public sealed record KongServerCounters
{
    [JsonPropertyName("connections_active")] public long ConnectionsActive { get; init; }
    [JsonPropertyName("connections_accepted")] public long ConnectionsAccepted { get; init; }
    [JsonPropertyName("connections_handled")] public long ConnectionsHandled { get; init; }
    [JsonPropertyName("total_requests")] public long TotalRequests { get; init; }
}
