using Bunit;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>The Translation page lists routing objects of every kind, filterable by kind, each opening its drawer.</summary>
public sealed class TranslationKindsPageTests
{
    private static readonly TranslationRow Echo = Ingress("default", "echo");
    private static readonly TranslationRow Api = Ingress("default", "api", host: "api.example.com") with { Kind = "HTTPRoute", Class = "default/gw/http" };
    private static readonly TranslationRow Stream = Ingress("default", "stream", host: "*") with { Kind = "TCPRoute", Class = "default/gw/tcp" };

    private static StateFeed<ControllerState> Feed() => new(State(Demo, 1, Echo, Api, Stream));

    private static IRenderedComponent<Translation> RenderAt(BunitContext ctx, string key, string value)
    {
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameter(key, value));
        return ctx.Render<Translation>();
    }

    private static IReadOnlyList<string> Kinds(IRenderedComponent<Translation> cut) =>
        cut.FindAll("[data-testid=row-kind]").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task Rows_of_every_kind_are_listed_with_their_kind()
    {
        await using var ctx = DashboardTestContext.Create(Feed());

        var cut = ctx.Render<Translation>();

        cut.WaitForAssertion(() => Assert.Equal(["HTTPRoute", "Ingress", "TCPRoute"], Kinds(cut).Order(StringComparer.Ordinal)));
        Assert.Contains("default/gw/http", cut.Markup);
    }

    [Fact]
    public async Task The_kind_filter_from_the_url_keeps_only_that_kind()
    {
        await using var ctx = DashboardTestContext.Create(Feed());

        var cut = RenderAt(ctx, "kind", "HTTPRoute");

        // Positive control: without the filter all three kinds are there (the test above); with it, one row.
        cut.WaitForAssertion(() => Assert.Equal(["HTTPRoute"], Kinds(cut)));
        Assert.Contains("Routes (1 of 3)", cut.Markup);
    }

    [Fact]
    public async Task A_route_opens_its_drawer_by_its_kind_qualified_id()
    {
        await using var ctx = DashboardTestContext.Create(Feed());

        var cut = RenderAt(ctx, "selected", "HTTPRoute/default/api");

        cut.WaitForAssertion(() => Assert.Equal("HTTPRoute", cut.Find("[data-testid=detail-kind]").TextContent.Trim()));
        Assert.Contains("HTTPRoute YAML", cut.Markup);
        // An Ingress of the same name would be ns/name: the kind keeps the two apart.
        Assert.DoesNotContain("is not in the latest translation", cut.Markup);
    }
}
