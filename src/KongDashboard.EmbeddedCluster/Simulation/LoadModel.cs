namespace KongDashboard.EmbeddedCluster.Simulation;

/// <summary>
/// Per-pod resource use of a Kong gateway as a function of its share of the traffic. With a 500m CPU request,
/// 200 rps over 2 pods is 185m (37 %), and 1000 rps settles at 6 pods under a 70 % target.
/// </summary>
public sealed record LoadModel
{
    /// <summary>The ConfigMap (in the Kong namespace) and key that set the offered load.</summary>
    public const string ConfigMapName = "kong-dashboard-sim";
    public const string RequestsPerSecondKey = "requestsPerSecond";

    public double BaselineMillicores { get; init; } = 5;

    public double MillicoresPerRequest { get; init; } = 1.8;

    public double BaselineMemoryMiB { get; init; } = 180;

    public double MemoryMiBPerRequest { get; init; } = 0.05;

    /// <summary>Average request latency: active connections ≈ rps × latency (Little's law).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(40);

    public int CpuMillicores(double requestsPerSecond) => (int)Math.Round(BaselineMillicores + MillicoresPerRequest * requestsPerSecond);

    public int MemoryMiB(double requestsPerSecond) => (int)Math.Round(BaselineMemoryMiB + MemoryMiBPerRequest * requestsPerSecond);

    public long ActiveConnections(double requestsPerSecond) => (long)Math.Ceiling(requestsPerSecond * Latency.TotalSeconds);
}
