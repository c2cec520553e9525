using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;
using KongConsumerGroup = KongDashboard.Core.Kubernetes.Crds.KongConsumerGroup;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>
/// KongConsumerGroup → Kong consumer groups, and KongConsumer.consumerGroups → DB-less membership relations
/// (kongstate/kongstate.go: FillConsumerGroups, FillConsumersAndCredentials; sendconfig/inmemory_schema.go:
/// convertConsumerGroups). KIC emits them whatever the edition; Kong OSS rejects them, KIC's webhook is the guard.
/// </summary>
internal static class ConsumerGroupBuilder
{
    /// <summary>The groups of this controller's class, in name order (the order KIC attaches their plugins).</summary>
    public static List<KongConsumerGroup> Selected(ClusterSnapshot snapshot, ClassSelection selection) =>
        snapshot.Get(WatchedKinds.KongConsumerGroups)
            .Where(g => selection.SelectsByAnnotation(g.Metadata.Annotations) && ControlPlaneRef.IsKic(g.Spec?.ControlPlaneRef))
            .OrderBy(g => ObjectKey.Of(g.Metadata))
            .ToList();

    /// <summary>Named by <c>metadata.name</c> (spec.name and spec.tags are not used), descending like deckgen.</summary>
    public static List<Kong.KongConsumerGroup> Build(IEnumerable<KongConsumerGroup> groups, bool fillIds)
    {
        var result = groups
            .Select(g => new Kong.KongConsumerGroup
            {
                Id = fillIds ? KongIds.ConsumerGroup(g.Metadata.Name ?? "") : null,
                Name = g.Metadata.Name,
                Tags = KubernetesTags.For(g),
            })
            .ToList();
        result.Sort(static (a, b) => string.CompareOrdinal(b.Name, a.Name));
        return result;
    }

    /// <summary>
    /// One relation per (consumer, group name), in consumer output order then <c>consumerGroups[]</c> order. Groups are
    /// looked up in the consumer's namespace without a class check, as KIC's store does.
    /// </summary>
    public static List<KongConsumerGroupConsumer> Memberships(
        IEnumerable<(KongConsumer Object, KongConsumerEntity Entity)> consumers, ClusterSnapshot snapshot, List<TranslationFailure> failures)
    {
        var groups = snapshot.Get(WatchedKinds.KongConsumerGroups);
        var result = new List<KongConsumerGroupConsumer>();
        foreach (var (consumer, entity) in consumers)
        {
            var ns = consumer.Metadata.NamespaceProperty ?? "";
            foreach (var name in consumer.ConsumerGroups ?? [])
            {
                if (groups.Get(ns, name) is null)
                {
                    failures.Add(new TranslationFailure(
                        $"nonexistent consumer group: \"KongConsumerGroup {ns}/{name} not found\"", [ObjectRefs.Of(consumer)]));
                    continue;
                }
                // go-kong FriendlyName: the id when FillIDs gave one, else the username.
                result.Add(new KongConsumerGroupConsumer(entity.Id ?? entity.Username ?? entity.CustomId ?? "", name));
            }
        }
        return result;
    }
}
