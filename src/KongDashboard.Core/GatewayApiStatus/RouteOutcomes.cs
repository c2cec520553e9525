using KongDashboard.Core.Cluster;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>
/// A route's <c>Programmed</c> outcome from what the controller knows: a translation failure naming it
/// (<c>TranslationError</c>), else its entities in the last configuration Kong accepted (<c>ConfiguredInGateway</c>),
/// else <c>Unknown</c>. Entities are matched to routes through their <c>k8s-*</c> tags, as Kong's errors are.
/// </summary>
public sealed class RouteOutcomes
{
    private ConfigPayload? _indexed;
    private HashSet<(string Kind, ObjectKey Key)> _configured = [];

    public Func<string, ObjectKey, ProgrammedOutcome> For(TranslationResult? translation, SyncState sync)
    {
        if (!ReferenceEquals(_indexed, sync.LastGood))
        {
            _indexed = sync.LastGood;
            _configured = Index(sync.LastGood);
        }

        var failed = (translation is null || translation.Failures.IsDefault ? [] : translation.Failures)
            .SelectMany(f => f.CausingObjects)
            .Select(o => (o.Kind, new ObjectKey(o.Namespace, o.Name)))
            .ToHashSet();
        var configured = _configured;
        return (kind, key) =>
            failed.Contains((kind, key)) ? ProgrammedOutcome.TranslationError
            : configured.Contains((kind, key)) ? ProgrammedOutcome.ConfiguredInGateway
            : ProgrammedOutcome.Unknown;
    }

    private static HashSet<(string, ObjectKey)> Index(ConfigPayload? payload)
    {
        var set = new HashSet<(string, ObjectKey)>();
        foreach (var (_, route) in payload?.Config.AllRoutes() ?? [])
        {
            if (KongConfigErrors.ObjectFromTags(route.Tags) is { } o)
            {
                set.Add((o.Kind, new ObjectKey(o.Namespace, o.Name)));
            }
        }
        return set;
    }
}
