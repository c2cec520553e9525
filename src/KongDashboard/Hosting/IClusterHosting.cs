using KongDashboard.Actions;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;

namespace KongDashboard.Hosting;

/// <summary>
/// The one seam where a cluster plugs into the dashboard. The product registers <see cref="KubernetesClusterHosting"/>
/// (in-cluster or a kubeconfig; this process is one controller replica). The embedded demo (src/KongDashboard.Demo)
/// replaces it: it starts an in-process cluster, runs one replica per dashboard pod and carries out the demo-only
/// actions. <see cref="ControllerHost"/> is its only caller: it connects once, starts the replicas once, stops them once.
/// Pages learn what the cluster offers only from the <see cref="ClusterConnection"/> it yields
/// (<see cref="ClusterConnection.IsDemo"/>), never by asking which hosting runs.
/// </summary>
public interface IClusterHosting
{
    /// <summary>The kind of cluster, known before it starts (the first state shown and the controller role follow from it).</summary>
    ClusterMode Mode { get; }

    /// <summary>Connects to the cluster (or starts it).</summary>
    Task<ClusterRuntime> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Starts the controller replicas this process runs; the one serving the dashboard publishes into <see cref="ReplicaStart.Feed"/>.</summary>
    Task<IControllerReplicas> StartReplicasAsync(ReplicaStart start, CancellationToken cancellationToken);

    /// <summary>Carries out an action only this cluster offers; null when it offers none for <paramref name="action"/>.</summary>
    Task<ActionOutcome>? RunAsync(DashboardAction action, CancellationToken cancellationToken);
}

/// <summary>What a hosting needs to start replicas: the connection, each replica's options, the dashboard's feed.</summary>
public sealed record ReplicaStart(ClusterRuntime Runtime, ReplicaOptions Options, StateFeed<ControllerState> Feed, ILoggerFactory LoggerFactory);

/// <summary>The options of the replica with identity <paramref name="identity"/> running as <paramref name="pod"/>.</summary>
public delegate ControllerInstanceOptions ReplicaOptions(string identity, ObjectRef? pod, string electionNamespace);

/// <summary>The controller replicas a process runs: one in a real pod, one per dashboard pod in the demo.</summary>
public interface IControllerReplicas
{
    /// <summary>The replica serving this dashboard.</summary>
    ControllerInstance? Local { get; }

    IReadOnlyList<ControllerInstance> All { get; }

    /// <summary>Stops every replica gracefully within <paramref name="shutdown"/> (each releases what it holds).</summary>
    ValueTask StopAllAsync(CancellationToken shutdown);
}
