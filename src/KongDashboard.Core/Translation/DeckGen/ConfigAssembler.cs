using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.DeckGen;

/// <summary>
/// Output shaping as KIC's deckgen (internal/dataplane/deckgen/generate.go: ToDeckContent; consumer_cmp.go) and the
/// DB-less stub for an empty configuration (sendconfig: AppendStubEntityWhenConfigEmpty).
/// </summary>
internal static class ConfigAssembler
{
    public static KongConfig Assemble(
        List<KongService> services, List<KongUpstream> upstreams, List<KongCertificate> certificates,
        List<KongPluginEntity> plugins, List<KongConsumerEntity> consumers)
    {
        // Descending by name (services, upstreams: they arrive so ordered, see RouteGraph), cert PEM and
        // PluginString; consumers ascending.
        certificates.Sort(static (a, b) => string.CompareOrdinal(b.Cert, a.Cert));
        plugins.Sort(static (a, b) => string.CompareOrdinal(PluginString(b), PluginString(a)));
        consumers.Sort(static (a, b) =>
        {
            var byUsername = string.CompareOrdinal(a.Username, b.Username);
            return byUsername != 0 ? byUsername : string.CompareOrdinal(a.CustomId, b.CustomId);
        });

        var empty = services.Count == 0 && upstreams.Count == 0 && certificates.Count == 0 && plugins.Count == 0 && consumers.Count == 0;
        return new KongConfig
        {
            Services = services.Count > 0 ? services : null,
            Upstreams = empty ? [new KongUpstream { Name = "kong" }] : upstreams.Count > 0 ? upstreams : null,
            Certificates = certificates.Count > 0 ? certificates : null,
            Plugins = plugins.Count > 0 ? plugins : null,
            Consumers = consumers.Count > 0 ? consumers : null,
        };
    }

    /// <summary>name + consumer + consumer group + route + service (relations hold names in KIC's state).</summary>
    public static string PluginString(KongPluginEntity p) =>
        (p.Name ?? "") + (p.Consumer ?? "") + (p.ConsumerGroup ?? "") + (p.Route ?? "") + (p.Service ?? "");
}
