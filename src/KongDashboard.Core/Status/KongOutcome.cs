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
    private readonly string? _pendingReason;
    private readonly string? _pushedSha;
    private readonly PayloadKind? _pushedKind;
    private readonly string _unlisted = "";

    public KongOutcome(SyncState sync)
    {
        _sync = sync;
        var desired = sync.Desired;
        _desiredRoutes = desired is null
            ? []
            : desired.Config.AllRoutes().Select(x => x.Route.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);

        // A follower never pushes: what Kong made of its translation is what the leader published (same SHA, same
        // translation, so the same objects); the gateways serve the SHA the leader pushes for it.
        if (sync.Leader is { } leader && desired is not null)
        {
            _pushedSha = leader.TargetFor(desired.Sha);
            _pushedKind = leader.KindFor(desired.Sha);
            if (leader.RejectionFor(desired.Sha) is { } rejection)
            {
                foreach (var o in rejection.Rejected)
                {
                    _rejected[new StatusKey(o.Kind, o.Namespace, o.Name)] = [.. o.Messages.DefaultIfEmpty("Kong rejected it.")];
                }

                if (_pushedKind == PayloadKind.Fallback)
                {
                    _excluded.UnionWith(rejection.LeftOut.Select(o => new StatusKey(o.Kind, o.Namespace, o.Name)));
                }

                _unlisted = rejection.MoreText;
            }
        }
        else
        {
            _pushedSha = desired?.Sha;
            _pushedKind = desired?.Kind;
            CollectOwn(sync, desired);
        }

        _serving = _pushedSha is null ? 0 : sync.Gateways.Count(g => g.State == GatewaySyncState.InSync && g.AppliedSha == _pushedSha);
        _pendingReason = PendingReason(sync, _serving, _pushedSha);
    }

    private void CollectOwn(SyncState sync, ConfigPayload? desired)
    {
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

        if (!o.Routes.All(_desiredRoutes.Contains))
        {
            return Status(ObjectState.Pending, _pushedKind == PayloadKind.LastGood
                ? "Not in the last good configuration that Kong serves instead of the rejected one."
                : "Not pushed yet: its routes are not in the configuration being pushed.", []);
        }

        return _pendingReason is null
            ? Status(ObjectState.Applied, $"Every gateway serves configuration {Short(_pushedSha!)}.{_unlisted}", [])
            : Status(ObjectState.Pending, _pendingReason + _unlisted, []);
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string? PendingReason(SyncState sync, int serving, string? pushedSha)
    {
        if (sync.Desired is null || pushedSha is null)
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
        return $"{serving} of {sync.Gateways.Length} gateways serve configuration {Short(pushedSha)}; {why}.";
    }
}
