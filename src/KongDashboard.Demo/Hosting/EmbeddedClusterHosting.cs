using KongDashboard.Actions;
using KongDashboard.Core.Controller;
using KongDashboard.EmbeddedCluster;
using Microsoft.Extensions.Options;

namespace KongDashboard.Hosting;

/// <summary>
/// The demo's side of the seam: starts the embedded API server (writing a kubeconfig for kubectl), runs one controller
/// replica per kong-dashboard pod (<see cref="EmbeddedReplicas"/>) and carries out the demo-only actions.
/// </summary>
public sealed class EmbeddedClusterHosting(IOptions<EmbeddedClusterSettings> settings, ILoggerFactory loggerFactory) : IClusterHosting
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<EmbeddedClusterHosting>();
    private EmbeddedApiServer? _server;
    private ClusterRuntime? _runtime;
    private EmbeddedReplicas? _replicas;

    public ClusterMode Mode => ClusterMode.Embedded;

    /// <summary>The embedded API server, once connected.</summary>
    public EmbeddedApiServer Server => _server ?? throw new InvalidOperationException("The embedded cluster has not started yet.");

    public async Task<ClusterRuntime> ConnectAsync(CancellationToken cancellationToken)
    {
        var embedded = settings.Value;
        _server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions
        {
            Port = embedded.Port,
            Faults = embedded.Faults,
            KongDatabase = embedded.EffectiveKongDatabase,
            KongSidecars = embedded.Topology == EmbeddedTopology.Sidecar,
            KongDbUpdateFrequency = TimeSpan.FromSeconds(embedded.KongDbUpdateFrequencySeconds),
        }, loggerFactory, cancellationToken)
            .ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(embedded.KubeconfigPath))!);
        var kubeconfig = _server.WriteKubeconfig(embedded.KubeconfigPath);
        _logger.LogInformation("Embedded demo cluster at {Server}; use it with: KUBECONFIG={Kubeconfig} kubectl get ingresses -A", _server.BaseAddress, kubeconfig);
        _runtime = new ClusterRuntime(ClusterMode.Embedded, _server.ClientConfiguration(), "kong-dashboard-embedded", kubeconfig, owned: _server);
        return _runtime;
    }

    public async Task<IControllerReplicas> StartReplicasAsync(ReplicaStart start, CancellationToken cancellationToken)
    {
        var sidecar = settings.Value.Topology == EmbeddedTopology.Sidecar;
        _replicas = new EmbeddedReplicas(Server, pod =>
            {
                var options = start.Options(pod, EmbeddedReplicas.PodRef(pod), EmbeddedReplicas.Namespace);
                return sidecar ? EmbeddedReplicaKong.OwnKong(options, Server, pod) : options;
            },
            start.Runtime.CreateClient, start.LoggerFactory, start.Feed, TimeSpan.FromSeconds(settings.Value.ContainerStartDelay));
        await _replicas.StartAsync(cancellationToken).ConfigureAwait(false);
        return _replicas;
    }

    public Task<ActionOutcome>? RunAsync(DashboardAction action, CancellationToken cancellationToken) => action switch
    {
        CrashLeaderAction when _replicas is { } replicas => CrashLeader.RunAsync(replicas, cancellationToken),
        SetSimulatedLoadAction load when _runtime is { } runtime => SimulatedLoad.SetAsync(runtime, load.RequestsPerSecond, cancellationToken),
        RestartKongPodAction restart when _runtime is { } runtime => KongPodRestart.RequestAsync(runtime, restart.Namespace, restart.Pod, cancellationToken),
        _ => null,
    };
}
