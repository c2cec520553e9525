using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>KongPlugin references of one Gateway API route (annotation + ExtensionRef) or of a backend Service.</summary>
internal sealed record PluginAttachment(
    IReadOnlyList<(string? Namespace, string Name)> Refs, IKubernetesObject<V1ObjectMeta> Referrer, string? Service, string? Route);

/// <summary>What the Gateway API routes contribute to the configuration; services and upstreams descending by name.</summary>
internal sealed record GatewayApiResult(List<KongService> Services, List<KongUpstream> Upstreams, List<PluginAttachment> Attachments)
{
    public static readonly GatewayApiResult Empty = new([], [], []);

    /// <summary>The Services behind each emitted Kong service, for the TLS annotations (client and CA certificates).</summary>
    public List<ServiceBackends> Backends { get; init; } = [];

    /// <summary>
    /// Ingress services plus these, descending by name (deckgen); a Gateway API service replaces an Ingress one of
    /// the same name, as the later rule source does in KIC.
    /// </summary>
    public List<KongService> MergeServices(IEnumerable<KongService> ingress) =>
        Services.Count == 0 ? [.. ingress] : Merge(ingress, Services, s => s.Name);

    public List<KongUpstream> MergeUpstreams(IEnumerable<KongUpstream> ingress) =>
        Upstreams.Count == 0 ? [.. ingress] : Merge(ingress, Upstreams, u => u.Name);

    private static List<T> Merge<T>(IEnumerable<T> first, List<T> second, Func<T, string?> name)
    {
        var names = second.Select(name).ToHashSet(StringComparer.Ordinal);
        var all = first.Where(x => !names.Contains(name(x))).Concat(second).ToList();
        all.Sort((a, b) => string.CompareOrdinal(name(b), name(a)));
        return all;
    }

    /// <summary>
    /// Records the KongPlugin relations. A reference to another namespace (<c>ns:name</c>) needs a ReferenceGrant
    /// from the referrer to configuration.konghq.com/KongPlugin (kongstate.go: referredPluginNotAllowedError).
    /// </summary>
    public void AttachPlugins(PluginBuilder builder, ClusterSnapshot snapshot, List<TranslationFailure> failures)
    {
        foreach (var attachment in Attachments)
        {
            var referrer = ObjectRefs.Of(attachment.Referrer);
            var ns = attachment.Referrer.Metadata.NamespaceProperty ?? "";
            ReferenceGrants? grants = null;
            foreach (var (pluginNs, name) in attachment.Refs)
            {
                var target = ns;
                if (pluginNs is not null && pluginNs != ns)
                {
                    grants ??= ReferenceGrants.For(snapshot, attachment.Referrer);
                    if (!grants.Allows(pluginNs, "configuration.konghq.com", "KongPlugin", name))
                    {
                        failures.Add(new TranslationFailure(
                            $"no grant found to referenced \"{pluginNs}:{name}\" plugin in the requested remote KongPlugin bind", [referrer]));
                        continue;
                    }
                    target = pluginNs;
                }
                builder.Attach([(null, name)], target, referrer, r =>
                {
                    if (attachment.Service is not null) r.Services.Add(attachment.Service);
                    if (attachment.Route is not null) r.Routes.Add(attachment.Route);
                }, failures);
            }
        }
    }
}
