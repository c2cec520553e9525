using KongDashboard.Core.Views;

namespace KongDashboard.Components.Pages.Kong;

/// <summary>Where each Kong entity and source object is shown: one place for the URLs the pages and search link to.</summary>
public static class KongLinks
{
    public static string Page(KongEntityKind kind) => kind switch
    {
        KongEntityKind.Service => "kong/services",
        KongEntityKind.Route => "kong/routes",
        KongEntityKind.Upstream or KongEntityKind.Target => "kong/upstreams",
        KongEntityKind.Plugin => "kong/plugins",
        KongEntityKind.Consumer or KongEntityKind.ConsumerGroup => "kong/consumers",
        _ => "kong/certificates",
    };

    /// <summary>The entity's page filtered to its name.</summary>
    public static string Entity(EntityLink link) => $"{Page(link.Kind)}?q={Uri.EscapeDataString(link.Name)}";

    /// <summary>The page of every Kong entity one Kubernetes object produced.</summary>
    public static string Object(SourceKey source) => $"kong/object?source={Uri.EscapeDataString(source.ToString())}";

    /// <summary>An entity page filtered to one source object.</summary>
    public static string EntitiesFrom(KongEntityKind kind, SourceKey source) => $"{Page(kind)}?source={Uri.EscapeDataString(source.ToString())}";
}
