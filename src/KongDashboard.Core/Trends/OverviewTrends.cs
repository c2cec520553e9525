using System.Collections.Immutable;
using KongDashboard.Core.Controller;

namespace KongDashboard.Core.Trends;

/// <summary>The one-glance numbers of the Overview at one moment.</summary>
public sealed record OverviewSample(
    DateTimeOffset At,
    bool? IsLeader,
    int GatewaysInSync,
    int Gateways,
    int? HpaCurrent,
    int? HpaDesired,
    double? Cpu,
    double? CpuTarget,
    double? LastPushMs,
    bool? LastPushOk,
    int TranslationFailures)
{
    public static OverviewSample From(ControllerState state, DateTimeOffset at)
    {
        var hpa = state.Autoscaling.Primary;
        var cpu = hpa?.Metrics.FirstOrDefault(m => m.Type is "Resource" or "ContainerResource" && m.Name.StartsWith("cpu", StringComparison.Ordinal));
        var push = state.Sync.Gateways.Select(g => g.LastPush).Where(p => p is not null).MaxBy(p => p!.At);
        return new OverviewSample(at, state.Leadership.Enabled ? state.Leadership.IsLeader : null, state.Sync.InSync, state.Sync.Gateways.Length,
            hpa?.CurrentReplicas, hpa?.DesiredReplicas, cpu?.CurrentNumber, cpu?.TargetNumber, push?.Duration.TotalMilliseconds, push?.Success,
            state.Status.Counts.Failed);
    }

    public bool SameValues(OverviewSample other) => this == other with { At = At };
}

/// <summary>
/// Small bounded trend buffers for the Overview cards (kept in the core so every page view shares them). A sample is
/// taken when one of the numbers changes, never on a timer: a value holds until the next sample, and an idle cluster
/// adds nothing (and publishes nothing).
/// </summary>
public sealed record OverviewTrends(ImmutableArray<OverviewSample> Samples)
{
    /// <summary>The changes kept.</summary>
    public const int Limit = 360;

    public static readonly OverviewTrends Empty = new(ImmutableArray<OverviewSample>.Empty);

    public OverviewSample? Latest => Samples.IsDefaultOrEmpty ? null : Samples[^1];

    public OverviewTrends Add(OverviewSample sample) =>
        new(Samples.Length >= Limit ? Samples.RemoveRange(0, Samples.Length - Limit + 1).Add(sample) : Samples.Add(sample));
}
