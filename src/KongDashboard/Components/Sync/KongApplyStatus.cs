using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;

namespace KongDashboard.Components.Sync;

/// <summary>Whether an Ingress's translation has reached Kong.</summary>
public enum KongApply
{
    /// <summary>Every gateway serves the desired configuration and it contains the Ingress's routes.</summary>
    Applied,

    /// <summary>Kong rejected the current configuration because of this Ingress.</summary>
    Rejected,

    /// <summary>Left out of the fallback configuration (broken, or depends on a broken object).</summary>
    Excluded,

    /// <summary>On its way: not every gateway serves the desired configuration yet, or its routes are not in it.</summary>
    Pending,

    /// <summary>This replica does not push (an Observer, or sync disabled).</summary>
    NotPushed,

    /// <summary>Nothing to push: ignored by this controller, or no route translated.</summary>
    None,
}

public sealed record KongApplyResult(KongApply Status, string Reason)
{
    public string Label => Status switch
    {
        KongApply.Applied => "Applied",
        KongApply.Rejected => "Rejected by Kong",
        KongApply.Excluded => "Excluded (fallback)",
        KongApply.Pending => "Pending",
        KongApply.NotPushed => "Not pushed (observer)",
        _ => "—",
    };

    /// <summary>One word for the grid cell (the full label is in the tooltip).</summary>
    public string ShortLabel => Status switch
    {
        KongApply.Rejected => "Rejected",
        KongApply.Excluded => "Excluded",
        KongApply.NotPushed => "Not pushed",
        _ => Label,
    };
}

/// <summary>
/// Computes the per-Ingress apply status from <see cref="SyncState"/> once per state (pure: no I/O, no clock),
/// so the Translation grid can ask for every row cheaply.
/// </summary>
public sealed class KongApplyEvaluator
{
    private readonly SyncState _sync;
    private readonly HashSet<string> _desiredRoutes;
    private readonly Dictionary<ObjectKey, string> _rejected = [];
    private readonly HashSet<ObjectKey> _excluded = [];
    private readonly string? _pendingReason;

    public KongApplyEvaluator(SyncState sync)
    {
        _sync = sync;
        var desired = sync.Desired;
        _desiredRoutes = desired is null
            ? []
            : desired.Config.AllRoutes().Select(x => x.Route.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);

        if (IsCurrent(sync.LastFailed, desired))
        {
            foreach (var rejection in sync.LastFailed!.Rejections)
            {
                if (rejection.Object is { Kind: "Ingress" } o)
                {
                    _rejected.TryAdd(new ObjectKey(o.Namespace, o.Name), rejection.Message);
                }
            }
        }

        if (desired?.Kind == PayloadKind.Fallback && sync.Fallback is { Triggered: true } fallback)
        {
            foreach (var o in fallback.BrokenObjects.Concat(fallback.ExcludedObjects).Where(o => o.Kind == "Ingress"))
            {
                _excluded.Add(new ObjectKey(o.Namespace, o.Name));
            }
        }

        _pendingReason = PendingReason(sync);
    }

    public bool IsFor(SyncState sync) => ReferenceEquals(sync, _sync);

    public KongApplyResult Evaluate(IngressRow row)
    {
        if (row.Status == IngressStatus.Ignored)
        {
            return new(KongApply.None, "Not for this controller's ingress class.");
        }

        if (!_sync.Enabled)
        {
            return new(KongApply.NotPushed, $"This replica does not push configuration: {_sync.DisabledReason ?? "sync disabled"}.");
        }

        if (_rejected.TryGetValue(row.Key, out var message))
        {
            return new(KongApply.Rejected, message);
        }

        if (_excluded.Contains(row.Key))
        {
            return new(KongApply.Excluded, "Kong rejected the full configuration; the fallback configuration leaves this Ingress out.");
        }

        if (row.Routes.IsDefaultOrEmpty)
        {
            return new(KongApply.None, "No Kong route was translated from this Ingress.");
        }

        if (!row.Routes.All(_desiredRoutes.Contains))
        {
            return new(KongApply.Pending, _sync.Desired?.Kind == PayloadKind.LastGood
                ? "Not in the last good configuration that Kong serves instead of the rejected one."
                : "Its routes are not in the configuration being pushed yet.");
        }

        return _pendingReason is null
            ? new(KongApply.Applied, $"Every gateway serves configuration {_sync.Desired!.ShortSha}.")
            : new(KongApply.Pending, _pendingReason);
    }

    /// <summary>A rejection is current when it is of the payload being pushed, or caused the recovery being pushed.</summary>
    internal static bool IsCurrent(FailedConfig? failed, ConfigPayload? desired) =>
        failed is not null && desired is not null && (failed.Payload.Sha == desired.Sha || desired.Kind != PayloadKind.Full);

    private static string? PendingReason(SyncState sync)
    {
        if (sync.Desired is not { } desired)
        {
            return "No configuration built yet.";
        }

        if (sync.Gateways.IsDefaultOrEmpty)
        {
            return "No Kong gateway discovered.";
        }

        var done = sync.Gateways.Count(g => g.State == GatewaySyncState.InSync && g.AppliedSha == desired.Sha);
        return done == sync.Gateways.Length ? null : $"{done}/{sync.Gateways.Length} gateways serve configuration {desired.ShortSha}.";
    }
}
