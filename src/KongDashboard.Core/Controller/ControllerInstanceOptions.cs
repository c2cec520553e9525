using KongDashboard.Core.Autoscaling;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Controller;

/// <summary>Everything that makes one controller replica what it is.</summary>
public sealed record ControllerInstanceOptions
{
    public required string InstanceId { get; init; }

    public required ClusterConnection Connection { get; init; }

    public TranslatorOptions Translator { get; init; } = new();

    /// <summary>Where Kong is; null when this replica configures no gateway (it still translates and shows).</summary>
    public KongSyncOptions? Kong { get; init; }

    public ReflectorOptions Reflector { get; init; } = new();

    /// <summary>This replica's own Pod, where KIC records its KongConfigurationSucceeded/ApplyFailed Events.</summary>
    public ObjectRef? Pod { get; init; }

    /// <summary>Record Kubernetes Events (KIC's --emit-kubernetes-events).</summary>
    public bool EmitEvents { get; init; } = true;

    /// <summary>Leader election; null when this replica does not take part (see <see cref="LeaderElectionPolicy"/>).</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    /// <summary>Why leader election is off, for the UI.</summary>
    public string? LeaderElectionOffReason { get; init; }

    /// <summary>Which HPAs the Autoscaling page follows (the Kong Deployment's) and how much history it keeps.</summary>
    public AutoscalingOptions Autoscaling { get; init; } = new();

    public IReadOnlyList<WatchedKind> Kinds { get; init; } = WatchedKinds.All;

    /// <summary>
    /// The Kong proxy Service (<c>namespace/name</c>, KIC's <c>--publish-service</c>) whose addresses unmanaged Gateways
    /// publish; Gateway API status is written (by the leader) when <see cref="TranslatorOptions.GatewayControllerName"/> is set.
    /// </summary>
    public string? PublishService { get; init; }

    /// <summary>
    /// The replica's clock: timestamps of its state, Events and samples, its polling and the leader elector's clocks
    /// (unless <see cref="LeaderElectionOptions.Time"/> sets one of its own). Tests pass a fake one.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
