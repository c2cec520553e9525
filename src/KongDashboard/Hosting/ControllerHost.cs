using KongDashboard.Core.Controller;
using KongDashboard.EmbeddedCluster;
using Microsoft.Extensions.Options;

namespace KongDashboard.Hosting;

/// <summary>
/// Starts the cluster connection (the embedded cluster when there is no real one) and the controller replica that
/// serves this dashboard; the UI reads that replica's state through <see cref="Feed"/>.
/// </summary>
public sealed class ControllerHost : IHostedService, IAsyncDisposable
{
    private readonly ClusterSettings _cluster;
    private readonly ControllerSettings _controller;
    private readonly KongSettings _kong;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<ControllerHost> _logger;
    private readonly ControllerRole _role;
    private ClusterRuntime? _runtime;
    private ControllerInstance? _instance;

    public ControllerHost(IOptions<ClusterSettings> cluster, IOptions<ControllerSettings> controller, IOptions<KongSettings> kong, ILoggerFactory loggerFactory)
    {
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

    public bool Ready => _instance?.CachesSynced == true;

    /// <summary>The replica serving this dashboard, once started.</summary>
    public ControllerInstance? Instance => _instance;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _runtime = await ClusterRuntime.StartAsync(_cluster, _loggerFactory, cancellationToken);
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

        var options = new ControllerInstanceOptions
        {
            InstanceId = InstanceId,
            Connection = _runtime.Connection(_role),
            Translator = TranslatorSettings.From(_controller),
            Kong = _kong.ToOptions(_runtime.Mode),
            Pod = OwnPod(),
            Autoscaling = _kong.ToAutoscalingOptions(_runtime.Mode),
        };
        _instance = new ControllerInstance(options, _runtime.CreateClient(), _loggerFactory, Feed);
        _instance.Start();
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
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
