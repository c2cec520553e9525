using k8s;
using KongDashboard.Core.Controller;

namespace KongDashboard.Hosting;

/// <summary>The cluster the process talks to, resolved once at start (see <see cref="IClusterHosting"/>).</summary>
public sealed class ClusterRuntime : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owned;

    /// <param name="owned">What serves the cluster when this process runs it (the demo's embedded API server); disposed with the runtime.</param>
    public ClusterRuntime(ClusterMode mode, KubernetesClientConfiguration clientConfiguration, string? context, string? kubeconfigPath = null, IAsyncDisposable? owned = null)
    {
        Mode = mode;
        ClientConfiguration = clientConfiguration;
        Context = context;
        KubeconfigPath = kubeconfigPath;
        _owned = owned;
    }

    public ClusterMode Mode { get; }

    public KubernetesClientConfiguration ClientConfiguration { get; }

    public string? Context { get; }

    /// <summary>A kubeconfig written for kubectl (the demo's); null for a real cluster.</summary>
    public string? KubeconfigPath { get; }

    public string Server => ClientConfiguration.Host;

    public IKubernetes CreateClient() => new Kubernetes(ClientConfiguration);

    public ClusterConnection Connection(ControllerRole role) => new(Mode, Server, Context, role, KubeconfigPath);

    /// <summary>Connects in <paramref name="mode"/> (<see cref="ResolveMode"/>'s answer).</summary>
    public static ClusterRuntime Connect(ClusterSettings settings, ClusterMode mode)
    {
        if (mode == ClusterMode.InCluster)
        {
            return new ClusterRuntime(ClusterMode.InCluster, KubernetesClientConfiguration.InClusterConfig(), null);
        }

        var file = KubeconfigFile(settings) ?? throw new InvalidOperationException(NoKubeconfig);
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(file, settings.Context);
        return new ClusterRuntime(ClusterMode.Kubeconfig, configuration, configuration.CurrentContext);
    }

    /// <summary>Auto: in-cluster inside a pod, else a kubeconfig when one exists; with neither the dashboard cannot start.</summary>
    public static ClusterMode ResolveMode(ClusterSettings settings) => FindCluster(settings) ?? throw new InvalidOperationException(
        "No cluster found: not running in a pod and no kubeconfig (Cluster:Kubeconfig, $KUBECONFIG, ~/.kube/config). "
        + "For the embedded demo cluster run: dotnet run --project src/KongDashboard.Demo");

    /// <summary>The cluster <paramref name="settings"/> lead to, or null when there is none (the demo then starts its own).</summary>
    public static ClusterMode? FindCluster(ClusterSettings settings) => settings.Mode switch
    {
        ClusterModeSetting.InCluster => ClusterMode.InCluster,
        ClusterModeSetting.Kubeconfig when KubeconfigFile(settings) is null => throw new InvalidOperationException(NoKubeconfig),
        ClusterModeSetting.Kubeconfig => ClusterMode.Kubeconfig,
        _ when KubernetesClientConfiguration.IsInCluster() => ClusterMode.InCluster,
        _ when KubeconfigFile(settings) is not null => ClusterMode.Kubeconfig,
        _ => null,
    };

    private const string NoKubeconfig = "Cluster:Mode is Kubeconfig but no kubeconfig was found: set Cluster:Kubeconfig, $KUBECONFIG or create ~/.kube/config.";

    private static string? KubeconfigFile(ClusterSettings settings)
    {
        var candidates = new[]
        {
            settings.Kubeconfig,
            Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator).FirstOrDefault(),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"),
        };
        return candidates.FirstOrDefault(path => !string.IsNullOrWhiteSpace(path) && File.Exists(path));
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
