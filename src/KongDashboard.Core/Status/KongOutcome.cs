using System.Collections.Immutable;
using KongDashboard.Core.Sync;

namespace KongDashboard.Core.Status;

/// <summary>
/// What Kong made of the current configuration, per object: Kong's errors mapped back through the k8s-* tags, the
/// objects the fallback leaves out, and how many gateways serve the configuration. Built once per sync state.
/// </summary>
public sealed class KongOutcome
{
    private readonly SyncState _sync;
    private readonly HashSet<string> _desiredRoutes;
    private readonly Dictionary<StatusKey, List<string>> _rejected = [];
    private readonly HashSet<StatusKey> _excluded = [];
    private readonly int _serving;
    private readonly string? _servingSha;
    private readonly string? _pendingReason;

    public KongOutcome(SyncState sync)
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
                if (rejection.Object is { } o)
                {
                    var key = TranslatedObjects.Key(o);
                    if (!_rejected.TryGetValue(key, out var messages))
                    {
                        _rejected[key] = messages = [];
                    }

                    if (!messages.Contains(rejection.Message))
                    {
                        messages.Add(rejection.Message);
                    }
                }
            }
        }

        if (desired?.Kind == PayloadKind.Fallback && sync.Fallback is { Triggered: true } fallback)
        {
            _excluded.UnionWith(fallback.BrokenObjects.Concat(fallback.ExcludedObjects).Select(TranslatedObjects.Key));
        }

        // A follower does not push: what Kong made of the translation is what the leader published for it — only when
        // the leader translated the same configuration (else the follower's objects stay Pending until they agree).
        if (sync.Leader is { } leader && desired is not null && leader.TranslatedSha == desired.Sha)
        {
            foreach (var o in leader.Rejected)
            {
                _rejected.TryAdd(new StatusKey(o.Kind, o.Namespace, o.Name), [o.Message ?? "rejected"]);
            }

            _excluded.UnionWith(leader.Excluded.Select(o => new StatusKey(o.Kind, o.Namespace, o.Name)));
        }

        // The SHA the gateways should serve: a follower's own translation, or what the leader pushes for it instead.
        _servingSha = desired is null ? null : sync.Leader?.TargetFor(desired.Sha) ?? desired.Sha;
        _serving = desired is null ? 0 : sync.Gateways.Count(g => g.State == GatewaySyncState.InSync && g.AppliedSha == _servingSha);
        _pendingReason = PendingReason(sync, _serving, _servingSha);
    }

    /// <summary>A rejection is current when it is of the payload being pushed, or caused the recovery being pushed.</summary>
    public static bool IsCurrent(FailedConfig? failed, ConfigPayload? desired) =>
        failed is not null && desired is not null && (failed.Payload.Sha == desired.Sha || desired.Kind != PayloadKind.Full);

    public ObjectStatus Evaluate(TranslatedObject o)
    {
        var gateways = _sync.Gateways.Length;
        ObjectStatus Status(ObjectState state, string reason, ImmutableArray<string> messages) =>
            new(o.Key, state, reason, messages, state == ObjectState.Applied || state == ObjectState.Pending ? _serving : 0, gateways);

        if (!o.ForThisController)
        {
            return Status(ObjectState.NotForThisController, o.NotForReason ?? "Not for this controller.", []);
        }

        if (o.Messages.Length > 0)
        {
            return Status(ObjectState.FailedToTranslate, o.Messages[0], o.Messages);
        }

        if (_rejected.TryGetValue(o.Key, out var kongErrors))
        {
            return Status(ObjectState.RejectedByKong, $"Kong rejected it: {kongErrors[0]}", [.. kongErrors]);
        }

        if (_excluded.Contains(o.Key))
        {
            return Status(ObjectState.RejectedByKong,
                "Kong rejected the full configuration; the fallback configuration leaves it out (it is broken, or depends on a broken object).", []);
        }

        if (_sync.Leader is { DesiredKind: nameof(PayloadKind.LastGood) } leader && leader.TranslatedSha == _sync.Desired?.Sha)
        {
            // The leader knows which objects its last good configuration holds; a follower does not, so it does not guess.
            return Status(ObjectState.Pending,
                $"The leader ({leader.Leader}) serves the last good configuration in place of the rejected one; whether it holds this object is known on the leader.", []);
        }

        if (!o.Routes.All(_desiredRoutes.Contains))
        {
            return Status(ObjectState.Pending, _sync.Desired?.Kind == PayloadKind.LastGood
                ? "Not in the last good configuration that Kong serves instead of the rejected one."
                : "Not pushed yet: its routes are not in the configuration being pushed.", []);
        }

        return _pendingReason is null
            ? Status(ObjectState.Applied, $"Every gateway serves configuration {ConfigPayload.Short(_servingSha!)}.", [])
            : Status(ObjectState.Pending, _pendingReason, []);
    }

    private static string? PendingReason(SyncState sync, int serving, string? servingSha)
    {
        if (sync.Desired is not { } desired)
        {
            return "Not pushed yet: no configuration built.";
        }

        if (sync.Gateways.IsDefaultOrEmpty)
        {
            return "No Kong gateway discovered.";
        }

        if (serving == sync.Gateways.Length)
        {
            return null;
        }

        var unreachable = sync.Gateways.Where(g => g.State == GatewaySyncState.Unreachable).Select(g => g.Id).ToList();
        var why = unreachable.Count > 0 ? $"gateway unreachable: {string.Join(", ", unreachable)}"
            : !sync.Enabled && !sync.Gateways.Any(g => g.AppliedSha is not null) ? $"no leader has pushed it ({sync.DisabledReason ?? "sync disabled"})"
            : "not pushed to every gateway yet";
        return $"{serving} of {sync.Gateways.Length} gateways serve configuration {ConfigPayload.Short(servingSha ?? desired.Sha)}; {why}.";
    }
}
