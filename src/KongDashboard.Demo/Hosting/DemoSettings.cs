using KongDashboard.EmbeddedCluster;

namespace KongDashboard.Hosting;

/// <summary>The embedded demo cluster: <c>Cluster:Embedded:*</c> in configuration.</summary>
public sealed class EmbeddedClusterSettings
{
    /// <summary>Where the embedded cluster writes a kubeconfig for kubectl.</summary>
    public string KubeconfigPath { get; set; } = Path.Combine(Path.GetTempPath(), "kong-dashboard", "kubeconfig");

    /// <summary>API server port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>API-server fault switches for demos: a missing CRD, an RBAC denial, APF throttling.</summary>
    public ApiServerFaultSettings Faults { get; set; } = new();

    /// <summary>The embedded Kong pods' database: "off" (DB-less) or "postgres" (one shared database; also sets Kong:Database).</summary>
    public string KongDatabase { get; set; } = "off";

    /// <summary>Which of the seed's topologies the demo runs (<c>Cluster:Embedded:Topology</c>), as the deploy/ overlays.</summary>
    public EmbeddedTopology Topology { get; set; } = EmbeddedTopology.GatewayDiscovery;

    /// <summary>
    /// The Kong pods' database the topology asks for: Database is postgres, unless KongDatabase names another backend;
    /// Sidecar is DB-less. KongDatabase=postgres alone (the older setting) still means DB mode.
    /// </summary>
    public string EffectiveKongDatabase => Topology switch
    {
        EmbeddedTopology.Database => IsOff(KongDatabase) ? "postgres" : KongDatabase,
        EmbeddedTopology.Sidecar when !IsOff(KongDatabase) => throw new InvalidOperationException(
            $"Cluster:Embedded:Topology=Sidecar runs DB-less Kong containers; Cluster:Embedded:KongDatabase={KongDatabase} contradicts it (leave it off)"),
        _ => KongDatabase,
    };

    private static bool IsOff(string? database) => string.IsNullOrEmpty(database) || database.Equals("off", StringComparison.OrdinalIgnoreCase);

    /// <summary>The embedded Kong pods' db_update_frequency in DB mode, seconds (short for the demo).</summary>
    public double KongDbUpdateFrequencySeconds { get; set; } = 1;

    /// <summary>
    /// Seconds between a replacement pod appearing and its controller replica starting (a container start). Read
    /// from <c>Controller:ContainerStartDelay</c>, next to the election timings it is tuned with.
    /// </summary>
    public double ContainerStartDelay { get; set; } = 3;

    /// <summary>The Kong objects of the seed: gateway discovery and the Autoscaling page point at them.</summary>
    public const string KongAdminService = "kong/kong-admin";

    public const string KongDeployment = "kong/kong-gateway";
}

/// <summary>The seed's topologies (README "Topologies"; deploy/overlays/&lt;name&gt;).</summary>
public enum EmbeddedTopology
{
    /// <summary>DB-less: a separate kong-gateway Deployment; the Lease holder pushes /config to every discovered gateway.</summary>
    GatewayDiscovery,

    /// <summary>DB-less: each dashboard pod runs its own Kong container and each replica configures only it; no election.</summary>
    Sidecar,

    /// <summary>Kong on a shared database; the Lease holder writes entities.</summary>
    Database,
}
