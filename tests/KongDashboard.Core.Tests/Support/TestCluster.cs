using k8s;
using KongDashboard.EmbeddedCluster;

namespace KongDashboard.Core.Tests.Support;

/// <summary>A fresh embedded API server on loopback and a real KubernetesClient talking to it over HTTP.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(EmbeddedApiServer server)
    {
        Server = server;
        Client = new k8s.Kubernetes(server.ClientConfiguration());
    }

    public EmbeddedApiServer Server { get; }

    public IKubernetes Client { get; }

    /// <param name="simulation">With <paramref name="controllers"/>: run the load simulation (traffic on the gateways, pod
    /// metrics, the HPA controller). Without it the cluster is idle: nothing changes unless a test changes it.</param>
    public static async Task<TestCluster> StartAsync(bool seed = false, bool controllers = false, string kongDatabase = "off", bool simulation = true) =>
        new(await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions
        {
            Seed = seed,
            RunControllers = controllers,
            KongDatabase = kongDatabase,
            KongDbUpdateFrequency = TimeSpan.FromMilliseconds(200),
            Simulation = simulation ? new() : null,
        }));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
