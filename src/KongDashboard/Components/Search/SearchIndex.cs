using System.Runtime.CompilerServices;
using KongDashboard.Components.Pages.Kong;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Views;

namespace KongDashboard.Components.Search;

/// <summary>
/// Everything the search can find on this replica, built once per published <see cref="ControllerState"/> (not per
/// keystroke over raw objects) and shared by every open dialog. Kong entities come from
/// <see cref="KongEntityViews"/>, which redacts, so no value from a Secret is ever indexed.
/// </summary>
public sealed class SearchIndex
{
    private static readonly ConditionalWeakTable<ControllerState, SearchIndex> Cache = new();

    /// <summary>The dashboard's pages, as the navigation lists them.</summary>
    public static readonly IReadOnlyList<(string Title, string Path)> Pages =
    [
        ("Overview", ""),
        ("Translation", "translation"),
        ("Gateways", "gateways"),
        ("Configuration", "configuration"),
        ("Gateway API", "gateway-api"),
        ("Kong services", "kong/services"),
        ("Kong routes", "kong/routes"),
        ("Kong upstreams", "kong/upstreams"),
        ("Kong plugins", "kong/plugins"),
        ("Kong consumers", "kong/consumers"),
        ("Kong certificates", "kong/certificates"),
        ("Logs", "logs"),
        ("Leadership", "leadership"),
        ("Autoscaling", "autoscaling"),
        ("Audit", "audit"),
    ];

    private SearchIndex(IReadOnlyList<SearchEntry> entries) => Entries = entries;

    public IReadOnlyList<SearchEntry> Entries { get; }

    /// <summary>The index of <paramref name="state"/>, built on first use and kept while the state is alive.</summary>
    public static SearchIndex For(ControllerState state) => Cache.GetValue(state, Build);

    public static SearchIndex Build(ControllerState state)
    {
        var entries = new List<SearchEntry>();
        entries.AddRange(Pages.Select(p => SearchEntry.Of(SearchGroup.Pages, p.Title, "Page", p.Path, p.Path)));

        foreach (var row in state.Translation.Rows)
        {
            entries.Add(SearchEntry.Of(SearchGroup.Routing, row.Key.Name, $"{row.Kind} · {row.Key.Namespace}",
                $"translation?selected={Uri.EscapeDataString(row.Id)}", row.Key.ToString()));
        }

        foreach (var gateway in Sync.GatewayRow.From(state))
        {
            entries.Add(SearchEntry.Of(SearchGroup.Gateways, gateway.Name, gateway.Namespace.Length == 0 ? gateway.Address : $"{gateway.Namespace} · {gateway.Address}",
                $"gateways?gateway={Uri.EscapeDataString(gateway.LinkKey)}", gateway.LinkKey));
        }

        AddKongEntities(entries, KongEntityViews.For(state.Translation.Config));
        AddServices(entries, state.Translation.Rows);
        return new SearchIndex(entries);
    }

    private static void AddKongEntities(List<SearchEntry> entries, KongEntityViews views)
    {
        SearchEntry Entity(SearchGroup group, KongEntityKind kind, string name, string detail, params string?[] also) =>
            SearchEntry.Of(group, name, detail, KongLinks.Entity(new EntityLink(kind, name)), also);

        entries.AddRange(views.Services.Select(s => Entity(SearchGroup.KongServices, KongEntityKind.Service, s.Name, s.Url)));
        entries.AddRange(views.Routes.Select(r => Entity(SearchGroup.KongRoutes, KongEntityKind.Route, r.Name, $"service {r.Service}")));
        entries.AddRange(views.Upstreams.Select(u => Entity(SearchGroup.KongUpstreams, KongEntityKind.Upstream, u.Name, $"{u.Targets.Length} targets")));
        entries.AddRange(views.Plugins.Select(p => Entity(SearchGroup.KongPlugins, KongEntityKind.Plugin, p.InstanceName ?? p.Name,
            p.Global ? $"{p.Name} · global" : $"{p.Name} · {string.Join(", ", p.AttachedTo.Select(a => a.Entity))}", p.Name, p.Id)));
        entries.AddRange(views.Consumers.Select(c => Entity(SearchGroup.KongConsumers, KongEntityKind.Consumer, c.Username, c.CustomId ?? "consumer", c.CustomId)));
        entries.AddRange(views.ConsumerGroups.Select(g => Entity(SearchGroup.KongConsumers, KongEntityKind.ConsumerGroup, g.Name, "consumer group")));
        entries.AddRange(views.Certificates.Select(c => Entity(SearchGroup.KongCertificates, c.Kind, c.Id,
            c.Snis.IsEmpty ? c.Subject ?? "certificate" : string.Join(", ", c.Snis), [.. c.Snis])));
    }

    // Kubernetes Services as the routing objects name them ("name:port", "ns/name:port" across namespaces, "Kind/name"
    // for a backend that is not a Service), one entry per namespace/name; Enter lists the objects that route to it.
    private static void AddServices(List<SearchEntry> entries, IEnumerable<TranslationRow> rows)
    {
        var services = rows.SelectMany(r => r.Backends.Select(b => ServiceOf(r.Key.Namespace, b)))
            .OfType<(string Namespace, string Name)>()
            .Distinct();
        foreach (var (ns, name) in services)
        {
            entries.Add(SearchEntry.Of(SearchGroup.Services, name, $"Service · {ns}",
                $"translation?q={Uri.EscapeDataString(name)}&ns={Uri.EscapeDataString(ns)}", $"{ns}/{name}"));
        }
    }

    /// <summary>The Service a backend text names, or null when it names another kind (or nothing).</summary>
    internal static (string Namespace, string Name)? ServiceOf(string rowNamespace, string backend)
    {
        var text = backend;
        var weight = text.IndexOf(" (", StringComparison.Ordinal);
        text = weight < 0 ? text : text[..weight];
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        text = (colon < 0 ? text : text[..colon]).Trim();
        var parts = text.Split('/');
        return parts switch
        {
            [var name] when name.Length > 0 => (rowNamespace, name),
            // "ns/name": a namespace is lower case; "Kind/name" names a backend that is not a Service.
            [var ns, var name] when ns.Length > 0 && name.Length > 0 && !char.IsUpper(ns[0]) => (ns, name),
            _ => null,
        };
    }
}
