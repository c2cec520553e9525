using k8s;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.Options;

namespace KongDashboard.Hosting;

/// <summary>
/// Starts the cluster connection and the controller replicas through the one <see cref="IClusterHosting"/> seam; the
/// UI reads the replica serving this dashboard through <see cref="Feed"/>. In a real cluster this pod is one replica;
/// the demo's embedded cluster runs one replica per kong-dashboard pod in this process.
/// </summary>
public sealed class ControllerHost : IHostedService, IAsyncDisposable
{
    private readonly IClusterHosting _hosting;
    private readonly ControllerSettings _controller;
    private readonly KongSettings _kong;
    private readonly ElectionSettings _election;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<ControllerHost> _logger;
    private readonly ControllerRole _role;
    private ClusterRuntime? _runtime;
    private readonly TaskCompletionSource<IKubernetes> _client = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IControllerReplicas? _replicas;

    public ControllerHost(IClusterHosting hosting, IOptions<ControllerSettings> controller, IOptions<KongSettings> kong, ILoggerFactory loggerFactory,
        IOptions<ElectionSettings>? election = null)
    {
        _hosting = hosting;
        _election = election?.Value ?? new ElectionSettings();
        _controller = controller.Value;
        _kong = kong.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ControllerHost>();
        _role = ControllerRoles.Resolve(_controller.Role, hosting.Mode);
        InstanceId = _controller.InstanceId ?? Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName;
        Feed = new StateFeed<ControllerState>(ControllerState.Initial(InstanceId, new ClusterConnection(hosting.Mode, "(connecting)", null, _role)));
    }

    public string InstanceId { get; }

    public StateFeed<ControllerState> Feed { get; }

    public ClusterRuntime Runtime => _runtime ?? throw new InvalidOperationException("The cluster connection has not started yet.");

    /// <summary>A client of the cluster connection, once it has started (for the few host features that call the API).</summary>
    public Task<IKubernetes> ClientAsync() => _client.Task;

    public bool Ready => Instance?.CachesSynced == true;

    /// <summary>The replica serving this dashboard, once started.</summary>
    public ControllerInstance? Instance => _replicas?.Local;

    /// <summary>Every replica this process runs.</summary>
    public IReadOnlyList<ControllerInstance> AllInstances => _replicas?.All ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _runtime = await _hosting.ConnectAsync(cancellationToken);
        _client.TrySetResult(_runtime.CreateClient());
        _logger.LogInformation("Connected to {Mode} cluster {Server} as {Role}", _runtime.Mode, _runtime.Server, _role);
        _replicas = await _hosting.StartReplicasAsync(new ReplicaStart(_runtime, Options, Feed, _loggerFactory), cancellationToken);
    }

    private ControllerInstanceOptions Options(string identity, ObjectRef? pod, string electionNamespace) =>
        _election.Apply(new ControllerInstanceOptions
        {
            InstanceId = identity,
            Connection = Runtime.Connection(_role),
            Translator = TranslatorSettings.From(_controller),
            Kong = _kong.ToOptions(),
            Pod = pod,
            Autoscaling = _kong.ToAutoscalingOptions(),
        }, electionNamespace);

    /// <summary>The host's shutdown: graceful within the host's budget (<see cref="ShutdownBudget"/>), then abandoned.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await StopWithinAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await StopWithinAsync(CancellationToken.None);

    /// <summary>How long a SIGTERM may take: Kubernetes waits 30 s by default, a person at a terminal less.</summary>
    public static readonly TimeSpan ShutdownBudget = TimeSpan.FromSeconds(3);

    private async Task StopWithinAsync(CancellationToken shutdown)
    {
        if (_replicas is not null)
        {
            await _replicas.StopAllAsync(shutdown);
            _replicas = null;
        }

        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
            _runtime = null;
        }
    }
}
