namespace KongDashboard.Core.Autoscaling;

/// <summary>The HPAs of the Kong Deployment with a bounded history of their metrics.</summary>
public sealed record AutoscalingState
{
    public static readonly AutoscalingState Empty = new();
}
