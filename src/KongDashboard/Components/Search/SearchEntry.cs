namespace KongDashboard.Components.Search;

/// <summary>The groups of the search results, in the order the dialog shows them.</summary>
public enum SearchGroup
{
    Pages,
    Routing,
    Gateways,
    KongServices,
    KongRoutes,
    KongUpstreams,
    KongPlugins,
    KongConsumers,
    KongCertificates,
    Services,
}

/// <summary>
/// One thing the search can find: what it shows (<see cref="Title"/>, <see cref="Detail"/>), where Enter goes
/// (<see cref="Href"/>, relative to the base URI) and the texts it matches on (<see cref="Keys"/>, lower-cased once
/// when the index is built, so a keystroke costs no allocation per entry). Never holds a secret value: every text
/// comes from a published, redacted view.
/// </summary>
public sealed record SearchEntry(SearchGroup Group, string Title, string Detail, string Href, string[] Keys)
{
    public static SearchEntry Of(SearchGroup group, string title, string detail, string href, params string?[] alsoMatches) =>
        new(group, title, detail, href, [.. new[] { title }.Concat(alsoMatches).Where(k => !string.IsNullOrEmpty(k)).Select(k => k!.ToLowerInvariant()).Distinct(StringComparer.Ordinal)]);
}

/// <summary>The matches of one group: the best <see cref="Entries"/> and how many matched in all.</summary>
public sealed record SearchGroupResult(SearchGroup Group, IReadOnlyList<SearchEntry> Entries, int Total)
{
    public string Label => Labels.Of(Group);

    /// <summary>The group headings.</summary>
    public static class Labels
    {
        public static string Of(SearchGroup group) => group switch
        {
            SearchGroup.Pages => "Pages",
            SearchGroup.Routing => "Ingresses and routes",
            SearchGroup.Gateways => "Kong gateways",
            SearchGroup.KongServices => "Kong services",
            SearchGroup.KongRoutes => "Kong routes",
            SearchGroup.KongUpstreams => "Kong upstreams",
            SearchGroup.KongPlugins => "Kong plugins",
            SearchGroup.KongConsumers => "Kong consumers",
            SearchGroup.KongCertificates => "Kong certificates",
            _ => "Kubernetes services",
        };
    }
}
