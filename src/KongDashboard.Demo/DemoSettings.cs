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
