using Bunit;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

public sealed class TranslationPageTests
{
    private static readonly TranslationRow Echo = Ingress("default", "echo");
    private static readonly TranslationRow Shop = Ingress("shop", "storefront", host: "shop.example.com");
    private static readonly TranslationRow Payments = Ingress("shop", "payments", TranslationOutcome.Failed, "pay.example.com",
        "service shop/payments: port 443 is not defined on the Service");

    private static StateFeed<ControllerState> Feed(params TranslationRow[] rows) => new(State(Demo, 1, rows));

    private static IReadOnlyList<string> Names(IRenderedComponent<Translation> cut) =>
        cut.FindAll("[data-testid=ingress-name]").Select(e => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();

    /// <summary>Opens the page the way a deep link does: query string first, then render.</summary>
    private static IRenderedComponent<Translation> RenderAt(BunitContext ctx, string key, string value)
    {
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameter(key, value));
        return ctx.Render<Translation>();
    }

    [Fact]
    public async Task Renders_one_row_per_ingress()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo, Shop, Payments));

        var cut = ctx.Render<Translation>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=ingress-name]").Count));
        Assert.Contains("echo.example.com", cut.Markup);
        Assert.Contains("echo-svc:80", cut.Markup);
        Assert.Contains("default.echo.echo.example.com.00", cut.Markup);
    }

    [Fact]
    public async Task A_published_state_adds_a_row_without_recreating_the_page()
    {
        var feed = Feed(Echo);
        await using var ctx = DashboardTestContext.Create(feed);
        var cut = ctx.Render<Translation>();
        var page = cut.Instance;
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=ingress-name]")));

        feed.Publish(State(Demo, 2, Echo, Shop));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=ingress-name]").Count));
        Assert.Same(page, cut.Instance);
        Assert.Contains("storefront", cut.Markup);
    }

    [Fact]
    public async Task Text_filter_narrows_rows_and_writes_the_query_string()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo, Shop, Payments));
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        var cut = ctx.Render<Translation>();

        cut.Find("input[data-testid=filter-text]").Input("shop.example");

        cut.WaitForAssertion(() => Assert.Equal(["shop storefront"], Names(cut)));
        cut.WaitForAssertion(() => Assert.Contains("q=shop.example", nav.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_filter_from_the_query_string_narrows_rows()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo, Shop, Payments));

        var cut = RenderAt(ctx, "status", "Failed");

        cut.WaitForAssertion(() => Assert.Equal(["shop payments"], Names(cut)));
    }

    [Fact]
    public async Task Choosing_a_status_writes_the_query_string()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo, Shop, Payments));
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        var popovers = ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<Translation>();

        // MudSelect opens on mousedown of its input control (the element wrapping the labelled combobox).
        cut.Find("[data-testid=filter-status]").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == "Failed"));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "Failed").Click();

        cut.WaitForAssertion(() => Assert.Equal(["shop payments"], Names(cut)));
        cut.WaitForAssertion(() => Assert.Contains("status=Failed", nav.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Namespace_filter_from_the_query_string_narrows_rows()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo, Shop, Payments));

        var cut = RenderAt(ctx, "ns", "shop");

        cut.WaitForAssertion(() => Assert.Equal(["shop payments", "shop storefront"], Names(cut)));
    }

    [Fact]
    public async Task Selecting_a_row_shows_both_yaml_panes_and_deep_links()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo, Shop));
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        var cut = ctx.Render<Translation>();

        cut.FindAll("[data-testid=ingress-name]").First(e => e.TextContent.Contains("storefront", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("kind: Ingress", cut.Find("[data-testid=ingress-yaml]").TextContent);
            Assert.Contains("services:", cut.Find("[data-testid=kong-yaml]").TextContent);
        });
        Assert.Contains("name: storefront", cut.Find("[data-testid=ingress-yaml]").TextContent);
        Assert.Contains("selected=shop%2Fstorefront", nav.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deep_link_opens_the_selected_ingress()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo, Shop));

        var cut = RenderAt(ctx, "selected", "default/echo");

        cut.WaitForAssertion(() => Assert.Contains("name: echo", cut.Find("[data-testid=ingress-yaml]").TextContent));
    }

    [Fact]
    public async Task A_failed_ingress_shows_its_status_and_message()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo, Payments));

        var cut = RenderAt(ctx, "selected", "shop/payments");

        cut.WaitForAssertion(() =>
        {
            var chip = cut.FindAll("[data-testid=ingress-grid] [data-testid=status-chip]").Single(c => c.GetAttribute("data-status") == "FailedToTranslate");
            Assert.Contains("port 443 is not defined", chip.GetAttribute("aria-label"), StringComparison.Ordinal);
        });
        Assert.Contains("port 443 is not defined", cut.Find("[data-testid=detail-messages]").TextContent);
    }

    [Fact]
    public async Task The_failures_tab_lists_every_failure_with_its_causing_objects()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo, Payments));

        var cut = RenderAt(ctx, "tab", "failures");

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("[data-testid=failure-row]"));
            Assert.Contains("port 443 is not defined", row.TextContent);
            Assert.Contains("Ingress shop/payments", row.TextContent);
        });
    }

    [Fact]
    public async Task The_page_says_where_its_data_comes_from()
    {
        await using var ctx = DashboardTestContext.Create(Feed(Echo));

        var cut = ctx.Render<Translation>();

        var stamp = cut.Find(".kd-stamp").TextContent;
        Assert.Contains("Embedded demo cluster", stamp);
        Assert.Contains("snapshot 10", stamp);
        Assert.Contains("translated", stamp);
    }
}
