using Bunit;
using KongDashboard.Components.Pages.Kong;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kong;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static KongDashboard.Web.Tests.Components.Kong.KongEntityStates;

namespace KongDashboard.Web.Tests.Components.Kong;

public sealed class KongEntityPagesTests
{
    private static IReadOnlyList<string> Names<T>(IRenderedComponent<T> cut) where T : IComponent =>
        cut.FindAll("[data-testid=entity-name]").Select(e => e.TextContent.Trim()).ToList();

    private static IRenderedComponent<T> RenderAt<T>(BunitContext ctx, string query) where T : IComponent
    {
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.BaseUri + "kong/page" + query);
        return ctx.Render<T>();
    }

    [Fact]
    public async Task Routes_page_lists_each_route_with_its_source_ingress_linked()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(Translated(Cluster)));

        var cut = ctx.Render<Routes>();

        var name = Assert.Single(Names(cut));
        Assert.Contains("shop.example.com", cut.Markup);
        var source = Assert.Single(cut.FindAll("[data-testid=source-link]"));
        Assert.Equal("Ingress default/shop", source.TextContent.Trim());
        Assert.Contains("kong/object?source=Ingress%2Fdefault%2Fshop", source.GetAttribute("href"));
        Assert.StartsWith("default.shop.", name);
    }

    [Fact]
    public async Task Text_filter_from_the_url_keeps_only_matching_rows()
    {
        var yaml = Cluster.Replace("shop", "shop") + Cluster.Split("---")[1].Replace("name: shop", "name: blog").Replace("shop.example.com", "blog.example.com").Insert(0, "---");
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(Translated(yaml)));

        var all = RenderAt<Routes>(ctx, "");
        Assert.Equal(2, Names(all).Count);

        var filtered = RenderAt<Routes>(ctx, "?q=blog.example");

        Assert.Equal(["blog"], Names(filtered).Select(n => n.Split('.')[1]));
    }

    [Fact]
    public async Task Source_filter_shows_only_entities_made_from_that_object()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(Translated(Cluster)));

        var services = RenderAt<Services>(ctx, "?source=Service%2Fdefault%2Fsvc");
        Assert.Single(Names(services));
        Assert.Contains("from Service default/svc", services.Find("[data-testid=source-filter]").TextContent);

        var none = RenderAt<Services>(ctx, "?source=Service%2Fdefault%2Fother");
        Assert.Empty(Names(none));
    }

    [Fact]
    public async Task Plugins_page_lists_what_each_plugin_is_attached_to()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(Translated(Cluster)));

        var cut = ctx.Render<Plugins>();

        Assert.Equal(["rate-limiting"], Names(cut));
        var attachment = Assert.Single(cut.FindAll("[data-testid=plugin-attachment]"));
        Assert.Contains("Route default.shop.", attachment.TextContent);
        Assert.Contains("Ingress default/shop", attachment.TextContent);
        Assert.Contains("KongPlugin default/limit", cut.Markup);
    }

    [Fact]
    public async Task Consumers_page_shows_credentials_by_type_but_never_their_value()
    {
        var state = Translated(Cluster);
        // Positive control: the credential value is in the configuration the page is built from.
        Assert.Contains(CredentialValue, KongConfigSerializer.ToJson(state.Translation.Config));
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(state));

        var cut = ctx.Render<Consumers>();

        Assert.Equal(["alice"], Names(cut));
        var credential = Assert.Single(cut.FindAll("[data-testid=credential]"));
        Assert.Contains("key-auth", credential.TextContent);
        Assert.Contains("key: " + SecretRedactor.Redacted, credential.TextContent);
        Assert.DoesNotContain(CredentialValue, cut.Markup);
    }

    [Fact]
    public async Task Object_page_leads_from_a_kubernetes_object_to_its_entities()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(Translated(Cluster)));

        var cut = RenderAt<KongObject>(ctx, "?source=Service%2Fdefault%2Fsvc");

        var links = cut.FindAll("[data-testid=object-entity]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(links, h => h!.StartsWith("kong/services?q=", StringComparison.Ordinal));
        Assert.Contains(links, h => h!.StartsWith("kong/upstreams?q=", StringComparison.Ordinal));

        var missing = RenderAt<KongObject>(ctx, "?source=Service%2Fdefault%2Fabsent");
        Assert.NotNull(missing.Find("[data-testid=no-entities]"));
    }

    [Fact]
    public async Task A_new_translation_updates_the_open_page()
    {
        var feed = new StateFeed<ControllerState>(Translated(Cluster));
        await using var ctx = DashboardTestContext.Create(feed);
        var cut = ctx.Render<Services>();
        Assert.Single(Names(cut));

        feed.Publish(Translated(Cluster + "---\napiVersion: v1\nkind: Service\nmetadata: {name: other, namespace: default}\nspec:\n  ports: [{port: 80}]\n"
            + Cluster.Split("---")[1].Replace("name: shop", "name: two").Replace("name: svc", "name: other").Insert(0, "---"), 2));

        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Count));
    }
}
