using KongDashboard.Actions;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.Options;

namespace KongDashboard.Hosting;

/// <summary>
/// The product's cluster: in-cluster inside a pod, else a kubeconfig (<c>Cluster:*</c>). This process is one
/// controller replica, the pod it runs in ($POD_NAME in $POD_NAMESPACE); its feed is the dashboard's.
/// </summary>
public sealed class KubernetesClusterHosting(IOptions<ClusterSettings> settings) : IClusterHosting
{
    public ClusterMode Mode { get; } = ClusterRuntime.ResolveMode(settings.Value);

    public Task<ClusterRuntime> ConnectAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ClusterRuntime.Connect(settings.Value, Mode));

    public Task<IControllerReplicas> StartReplicasAsync(ReplicaStart start, CancellationToken cancellationToken)
    {
        var ownNamespace = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "default";
        var identity = start.Feed.Current.InstanceId;
        var instance = new ControllerInstance(start.Options(identity, OwnPod(ownNamespace), ownNamespace), start.Runtime.CreateClient(), start.LoggerFactory, start.Feed);
        instance.Start();
        return Task.FromResult<IControllerReplicas>(new SingleReplica(instance));
    }

    /// <summary>A real cluster offers no actions beyond the product's own.</summary>
    public Task<ActionOutcome>? RunAsync(DashboardAction action, CancellationToken cancellationToken) => null;

    private static ObjectRef? OwnPod(string ownNamespace) =>
        Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } name ? new("", "v1", "Pod", ownNamespace, name) : null;

    private sealed class SingleReplica(ControllerInstance instance) : IControllerReplicas
    {
        public ControllerInstance? Local => instance;

        public IReadOnlyList<ControllerInstance> All => [instance];

        public async ValueTask StopAllAsync(CancellationToken shutdown) => await instance.StopAsync(shutdown);
    }
}
