using k8s;
using KongDashboard.Core.Controller;
using KongDashboard.EmbeddedCluster;

namespace KongDashboard.Hosting;

/// <summary>The cluster the process talks to, resolved once at start: a real one, or the embedded demo cluster.</summary>
public sealed class ClusterRuntime : IAsyncDisposable
{
    private ClusterRuntime(ClusterMode mode, KubernetesClientConfiguration clientConfiguration, string? context, EmbeddedApiServer? embedded, string? kubeconfigPath)
    {
        Mode = mode;
        ClientConfiguration = clientConfiguration;
        Context = context;
        Embedded = embedded;
        KubeconfigPath = kubeconfigPath;
    }

    public ClusterMode Mode { get; }

    public KubernetesClientConfiguration ClientConfiguration { get; }

    public string? Context { get; }

    /// <summary>The embedded API server, in Embedded mode.</summary>
    public EmbeddedApiServer? Embedded { get; }

    /// <summary>The kubeconfig the embedded cluster wrote for kubectl.</summary>
    public string? KubeconfigPath { get; }

    public string Server => ClientConfiguration.Host;

    public IKubernetes CreateClient() => new Kubernetes(ClientConfiguration);

    public ClusterConnection Connection(ControllerRole role) => new(Mode, Server, Context, role, KubeconfigPath);

    public static async Task<ClusterRuntime> StartAsync(ClusterSettings settings, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        switch (ResolveMode(settings))
        {
            case ClusterMode.InCluster:
                return new ClusterRuntime(ClusterMode.InCluster, KubernetesClientConfiguration.InClusterConfig(), null, null, null);
            case ClusterMode.Kubeconfig:
                var file = KubeconfigFile(settings) ?? throw new InvalidOperationException(
                    "Cluster:Mode is Kubeconfig but no kubeconfig was found: set Cluster:Kubeconfig, $KUBECONFIG or create ~/.kube/config.");
                var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(file, settings.Context);
                return new ClusterRuntime(ClusterMode.Kubeconfig, configuration, configuration.CurrentContext, null, null);
            default:
                var server = await EmbeddedApiServer.StartAsync(
                    new EmbeddedApiServerOptions
                    {
                        Port = settings.Embedded.Port,
                        Faults = settings.Embedded.Faults,
                        KongDatabase = settings.Embedded.KongDatabase,
                        KongDbUpdateFrequency = TimeSpan.FromSeconds(settings.Embedded.KongDbUpdateFrequencySeconds),
                    }, loggerFactory, cancellationToken).ConfigureAwait(false);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Embedded.KubeconfigPath))!);
                var kubeconfig = server.WriteKubeconfig(settings.Embedded.KubeconfigPath);
                return new ClusterRuntime(ClusterMode.Embedded, server.ClientConfiguration(), "kong-dashboard-embedded", server, kubeconfig);
        }
    }

    /// <summary>Auto: in-cluster inside a pod, else a kubeconfig when one exists, else the embedded demo cluster.</summary>
    public static ClusterMode ResolveMode(ClusterSettings settings) => settings.Mode switch
    {
        ClusterModeSetting.InCluster => ClusterMode.InCluster,
        ClusterModeSetting.Kubeconfig => ClusterMode.Kubeconfig,
        ClusterModeSetting.Embedded => ClusterMode.Embedded,
        _ when KubernetesClientConfiguration.IsInCluster() => ClusterMode.InCluster,
        _ when KubeconfigFile(settings) is not null => ClusterMode.Kubeconfig,
        _ => ClusterMode.Embedded,
    };

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
        if (Embedded is not null)
        {
            await Embedded.DisposeAsync().ConfigureAwait(false);
        }
    }
}
