using k8s.Models;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>
/// Builds conditions as apimachinery's <c>meta.SetStatusCondition</c> does: lastTransitionTime moves only when the
/// status of that type changed, so recomputing an unchanged status yields an equal object (no write loop).
/// </summary>
internal static class Conditions
{
    public static V1Condition Make(string type, string status, string reason, string message, long? generation, IEnumerable<V1Condition>? observed, DateTime now)
    {
        var previous = observed?.FirstOrDefault(c => c.Type == type);
        var since = previous is not null && previous.Status == status ? previous.LastTransitionTime : now;
        return new V1Condition { LastTransitionTime = since, Message = message, Reason = reason, Status = status, Type = type, ObservedGeneration = generation };
    }

    /// <summary>Equal ignoring nothing but order of fields: type, status, reason, message, observedGeneration, lastTransitionTime.</summary>
    public static bool SameList(IReadOnlyList<V1Condition>? a, IReadOnlyList<V1Condition>? b)
    {
        a ??= [];
        b ??= [];
        return a.Count == b.Count && a.Zip(b).All(p => Same(p.First, p.Second));
    }

    public static bool Same(V1Condition a, V1Condition b) =>
        a.Type == b.Type && a.Status == b.Status && a.Reason == b.Reason && (a.Message ?? "") == (b.Message ?? "")
        && a.ObservedGeneration == b.ObservedGeneration && a.LastTransitionTime == b.LastTransitionTime;
}
