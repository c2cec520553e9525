namespace KongDashboard.Core.Sync;

/// <summary>Where the Kong gateways are and how to push to them (<c>Kong:*</c> in configuration).</summary>
public sealed record KongSyncOptions
{
    /// <summary>Gateway discovery: the Kong Admin API Service as "namespace/name" (KIC's --kong-admin-svc).</summary>
    public string? AdminService { get; init; }

    /// <summary>
    /// Port names of that Service to use (KIC's --kong-admin-svc-port-names). KIC 3.5's default is
    /// "admin-tls,kong-admin-tls" (internal/cmd/rootcmd/config/cli.go:90); the plain-http "admin" of the embedded cluster
    /// and the example gateway in deploy/ is accepted after them. A "-tls" port is https and is the one used when a pod
    /// offers both.
    /// </summary>
    public IReadOnlyList<string> AdminPortNames { get; init; } = DefaultAdminPortNames;

    public static readonly IReadOnlyList<string> DefaultAdminPortNames = ["admin-tls", "kong-admin-tls", "admin"];

    /// <summary>Static Admin API URLs instead of discovery (sidecar mode: each replica configures its own Kong).</summary>
    public IReadOnlyList<string> AdminUrls { get; init; } = [];

    /// <summary>Per-request timeout (KIC's --proxy-timeout-seconds).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each gateway's /status is read: detects restarted (empty) gateways and drift.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Push a configuration without the broken objects when Kong rejects some (KIC's FallbackConfiguration).</summary>
    public bool FallbackConfiguration { get; init; } = true;

    /// <summary>Accept any certificate from https Admin APIs (KIC's --kong-admin-tls-skip-verify).</summary>
    public bool TlsSkipVerify { get; init; }

    /// <summary>Token, CA bundle and client certificate for the Admin API.</summary>
    public KongAdminAccess Access { get; init; } = KongAdminAccess.None;

    /// <summary>Appended to the Admin API client's User-Agent on every request (read per request): the replica and its term.</summary>
    public Func<string>? UserAgentComment { get; init; }

    /// <summary>
    /// Kong's database (<c>Kong:Database</c>): "off" (DB-less, POST /config to every gateway) or "postgres" (DB mode: the
    /// leader writes entities through one gateway's Admin API, <see cref="Database.DatabaseSync"/>).
    /// </summary>
    public string? Database { get; init; }

    public bool DatabaseMode => Database is { Length: > 0 } db && !db.Equals("off", StringComparison.OrdinalIgnoreCase);

    /// <summary>DB mode: how often a full reconciliation (dump + diff) runs, correcting entities changed by hand.</summary>
    public TimeSpan FullReconcileInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>DB mode: concurrent Admin API writes within one entity type (KIC's --kong-admin-concurrency, default 10).</summary>
    public int Concurrency { get; init; } = 10;

    public bool UsesDiscovery => !string.IsNullOrWhiteSpace(AdminService) && AdminUrls.Count == 0;
}
