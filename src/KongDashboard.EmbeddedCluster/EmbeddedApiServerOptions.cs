namespace KongDashboard.EmbeddedCluster;

public sealed record EmbeddedApiServerOptions
{
    /// <summary>0 = any free port.</summary>
    public int Port { get; init; }

    /// <summary>Load the demo data (namespaces, Kong gateway, apps, ingresses, plugins).</summary>
    public bool Seed { get; init; } = true;

    /// <summary>Events kept for watch resume; older resourceVersions get 410 Expired.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Run the simulated Deployment and EndpointSlice controllers.</summary>
    public bool RunControllers { get; init; } = true;

    /// <summary>
    /// Hook for giving simulated pods a reachable address (e.g. 127.0.0.x for an embedded Kong Admin API).
    /// Called with the new pod (template already applied) before it is stored; return null for the default 10.244.x.y.
    /// The pod template annotation <c>kong-dashboard.io/sim-address</c> is the declarative alternative.
    /// </summary>
    public Func<System.Text.Json.Nodes.JsonObject, string?>? PodAddressProvider { get; init; }

    /// <summary>Back every Kong gateway pod (label app=kong-gateway) with an embedded Kong Admin API on its pod IP.</summary>
    public bool KongGateways { get; init; } = true;

    /// <summary>Token, https and client-certificate requirements of the Kong Admin APIs (off by default); see KongGatewayFleet.Access.</summary>
    public KongGateway.Access.KongAdminHardening KongAdmin { get; init; } = new();

    /// <summary>The router flavor the embedded Kong gateways report and validate for.</summary>
    public string KongRouterFlavor { get; init; } = "traditional_compatible";

    /// <summary>
    /// Kong's <c>database</c>: "off" (DB-less, each pod configured through POST /config) or "postgres" (DB mode: every
    /// pod reads one shared in-memory database and offers the entity endpoints).
    /// </summary>
    public string KongDatabase { get; init; } = "off";

    /// <summary>
    /// The seed in the DB-less sidecar topology (as deploy/overlays/sidecar): each kong-dashboard pod runs a <c>kong</c>
    /// container backed by its own embedded Admin API, and there is no separate kong-gateway Deployment.
    /// </summary>
    public bool KongSidecars { get; init; }

    /// <summary>Kong's <c>db_update_frequency</c> in DB mode (how soon a pod sees another pod's writes).</summary>
    public TimeSpan KongDbUpdateFrequency { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Load generator + HPA controller (with <see cref="RunControllers"/>); null turns the simulation off.</summary>
    public Simulation.LoadSimulationOptions? Simulation { get; init; } = new();

    /// <summary>API-server fault switches set at start (see <see cref="FaultInjector"/>); tests can also set them later.</summary>
    public ApiServerFaultSettings Faults { get; init; } = new();
}
