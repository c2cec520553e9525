using k8s;
using KongDashboard.Core.Controller;
using KongDashboard.EmbeddedCluster;
using Microsoft.Extensions.Options;

namespace KongDashboard.Hosting;

/// <summary>
/// Starts the cluster connection (the embedded cluster when there is no real one) and the controller replica that
/// serves this dashboard; the UI reads that replica's state through <see cref="Feed"/>. In a real cluster this pod is
/// one replica; the embedded cluster runs one replica per kong-dashboard pod (three, electing a leader) in this process.
/// </summary>
public sealed class ControllerHost : IHostedService, IAsyncDisposable
{
    private readonly ClusterSettings _cluster;
    private readonly ControllerSettings _controller;
    private readonly KongSettings _kong;
    private readonly ElectionSettings _election;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<ControllerHost> _logger;
    private readonly ControllerRole _role;
    private ClusterRuntime? _runtime;
    private readonly TaskCompletionSource<IKubernetes> _client = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ControllerInstance? _instance;
    private EmbeddedReplicas? _replicas;

    public ControllerHost(IOptions<ClusterSettings> cluster, IOptions<ControllerSettings> controller, IOptions<KongSettings> kong, ILoggerFactory loggerFactory,
        IOptions<ElectionSettings>? election = null)
    {
        _election = election?.Value ?? new ElectionSettings();
        _cluster = cluster.Value;
        _controller = controller.Value;
        _kong = kong.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ControllerHost>();
        var mode = ClusterRuntime.ResolveMode(_cluster);
        _role = ControllerRoles.Resolve(_controller.Role, mode);
        InstanceId = _controller.InstanceId ?? Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName;
        Feed = new StateFeed<ControllerState>(ControllerState.Initial(InstanceId, new ClusterConnection(mode, "(connecting)", null, _role)));
    }

    public string InstanceId { get; }

    public StateFeed<ControllerState> Feed { get; }

    public ClusterRuntime Runtime => _runtime ?? throw new InvalidOperationException("The cluster connection has not started yet.");

    /// <summary>A client of the cluster connection, once it has started (for the few host features that call the API).</summary>
    public Task<IKubernetes> ClientAsync() => _client.Task;

    public bool Ready => Instance?.CachesSynced == true;

    /// <summary>The replica serving this dashboard, once started (embedded: the local one of the three).</summary>
    public ControllerInstance? Instance => _replicas?.Local ?? _instance;

    /// <summary>The embedded cluster's controller replicas (null when connected to a real cluster).</summary>
    public EmbeddedReplicas? Replicas => _replicas;

    /// <summary>Every replica this process runs.</summary>
    public IReadOnlyList<ControllerInstance> AllInstances => _replicas?.All ?? (_instance is null ? [] : [_instance]);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _runtime = await ClusterRuntime.StartAsync(_cluster, _loggerFactory, cancellationToken);
        _client.TrySetResult(_runtime.CreateClient());
        if (_runtime.Embedded is { } embedded)
        {
            _logger.LogInformation(
                "Embedded demo cluster at {Server}; use it with: KUBECONFIG={Kubeconfig} kubectl get ingresses -A",
                embedded.BaseAddress, _runtime.KubeconfigPath);
        }
        else
        {
            _logger.LogInformation("Connected to {Mode} cluster {Server} as {Role}", _runtime.Mode, _runtime.Server, _role);
        }

        if (_runtime.Embedded is { } cluster)
        {
            var runtime = _runtime;
            _replicas = new EmbeddedReplicas(cluster, pod => Options(pod, EmbeddedReplicas.PodRef(pod), EmbeddedReplicas.Namespace),
                runtime.CreateClient, _loggerFactory, Feed, TimeSpan.FromSeconds(_election.ContainerStartDelay));
            await _replicas.StartAsync(cancellationToken);
            return;
        }

        var ownNamespace = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "default";
        _instance = new ControllerInstance(Options(InstanceId, OwnPod(), ownNamespace), _runtime.CreateClient(), _loggerFactory, Feed);
        _instance.Start();
    }

    private ControllerInstanceOptions Options(string identity, KongDashboard.Core.Cluster.ObjectRef? pod, string electionNamespace) =>
        _election.Apply(new ControllerInstanceOptions
        {
            InstanceId = identity,
            Connection = Runtime.Connection(_role),
            Translator = TranslatorSettings.From(_controller),
            Kong = _kong.ToOptions(Runtime.Mode),
            Pod = pod,
            Autoscaling = _kong.ToAutoscalingOptions(Runtime.Mode),
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

        if (_instance is not null)
        {
            await _instance.StopAsync(shutdown);
            _instance = null;
        }

        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
            _runtime = null;
        }
    }

    private static KongDashboard.Core.Cluster.ObjectRef? OwnPod() =>
        Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } name
            ? new("", "v1", "Pod", Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "default", name)
            : null;

    /// <summary>The embedded API server, for tests and demo actions; null when connected to a real cluster.</summary>
    public EmbeddedApiServer? Embedded => _runtime?.Embedded;
}
