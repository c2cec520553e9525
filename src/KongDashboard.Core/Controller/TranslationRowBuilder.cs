using System.Collections.Immutable;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Status;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Controller;

/// <summary>
/// Shapes a translation result into the rows of the Translation page: one per object that routes traffic — every
/// Ingress, HTTPRoute, GRPCRoute, TCPRoute, UDPRoute, TLSRoute, TCPIngress and UDPIngress in the snapshot — sorted by
/// kind (in <see cref="TranslatedObjects.RouteKinds"/> order), namespace and name.
/// </summary>
public static class TranslationRowBuilder
{
    public static ImmutableArray<TranslationRow> Build(ClusterSnapshot snapshot, TranslationResult result, string ingressClass)
    {
        var routes = RoutesByObject(result.Config);
        var messages = result.Failures
            .SelectMany(f => f.CausingObjects.Select(o => (Key: new StatusKey(o.Kind, o.Namespace, o.Name), f.Message)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Message).Distinct().ToImmutableArray());
        var classes = ClassSelection.For(snapshot, ingressClass);
        var rows = ImmutableArray.CreateBuilder<TranslationRow>();

        void Add<T>(string kind, IEnumerable<T> items, Func<T, RouteSummary> summarize, Func<T, bool> selected)
            where T : IKubernetesObject<V1ObjectMeta>
        {
            var ofKind = new List<TranslationRow>();
            foreach (var item in items)
            {
                var key = ObjectKey.Of(item.Metadata);
                var statusKey = new StatusKey(kind, key.Namespace, key.Name);
                var produced = routes.GetValueOrDefault(statusKey, []);
                var failures = messages.GetValueOrDefault(statusKey, []);
                var outcome = failures.Length > 0 ? TranslationOutcome.Failed
                    : produced.Length > 0 || selected(item) ? TranslationOutcome.Translated
                    : TranslationOutcome.Ignored;
                var summary = summarize(item);
                ofKind.Add(new TranslationRow(
                    key,
                    summary.Class,
                    item.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(created, TimeSpan.Zero) : null,
                    summary.Hosts,
                    summary.Matches,
                    summary.Backends,
                    produced,
                    outcome,
                    failures,
                    new Lazy<string>(() => SourceYaml(item)),
                    new Lazy<string>(() => KongYaml(result.Config, kind, key, summary.TlsHosts)))
                { Kind = kind });
            }

            ofKind.Sort((a, b) => a.Key.CompareTo(b.Key));
            rows.AddRange(ofKind);
        }

        // Gateway API routes and L4 Ingresses count as taken only when they produced routes or failures: admission
        // (Gateway, listener, class) happened inside the translator.
        Add("Ingress", snapshot.Ingresses, RouteSummaries.Of, classes.Selects);
        Add("HTTPRoute", snapshot.Get(WatchedKinds.HttpRoutes), RouteSummaries.Of, _ => false);
        Add("GRPCRoute", snapshot.Get(WatchedKinds.GrpcRoutes), RouteSummaries.Of, _ => false);
        Add("TCPRoute", snapshot.Get(WatchedKinds.TcpRoutes), RouteSummaries.Of, _ => false);
        Add("UDPRoute", snapshot.Get(WatchedKinds.UdpRoutes), RouteSummaries.Of, _ => false);
        Add("TLSRoute", snapshot.Get(WatchedKinds.TlsRoutes), RouteSummaries.Of, _ => false);
        Add("TCPIngress", snapshot.Get(WatchedKinds.TCPIngresses), RouteSummaries.Of, _ => false);
        Add("UDPIngress", snapshot.Get(WatchedKinds.UDPIngresses), RouteSummaries.Of, _ => false);
        return rows.ToImmutable();
    }

    private static Dictionary<StatusKey, ImmutableArray<string>> RoutesByObject(KongConfig config) =>
        config.AllRoutes()
            .Select(x => (Key: TranslatedObjects.KeyFromTags(x.Route.Tags), x.Route.Name))
            .Where(x => x.Key is not null && x.Name is not null)
            .GroupBy(x => x.Key!.Value)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Distinct().Order(StringComparer.Ordinal).ToImmutableArray());

    private static string SourceYaml<T>(T item)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        // managedFields is bookkeeping noise for a reader; the object itself is never mutated (a copy is trimmed).
        var copy = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(item));
        copy.Metadata.ManagedFields = null;
        return KubernetesYaml.Serialize(copy);
    }

    private static string KongYaml(KongConfig config, string kind, ObjectKey key, IEnumerable<string> tlsHosts)
    {
        var produced = KongConfigIndex.ForObject(config, kind, key.Namespace, key.Name, tlsHosts);
        return KongConfigSerializer.ToYaml(SecretRedactor.Redact(produced));
    }
}
