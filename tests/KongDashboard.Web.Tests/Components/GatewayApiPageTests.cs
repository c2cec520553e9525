using Bunit;
using KongDashboard.Components.Pages.GatewayApi;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Views;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>The Gateway API page: gateways, their listeners, and each route attached or not with the reason.</summary>
public sealed class GatewayApiPageTests
{
    private static ControllerState WithGateway()
    {
        var state = State(Demo, 1, Ingress("default", "echo"));
        var gateway = new GatewayRow(
            new ObjectKey("default", "kong"),
            "kong",
            [new ListenerRow("http", "HTTP", 80, "*.example.com", 1, [new ConditionRow("Programmed", "True", "Programmed", "ok")])],
            [new ConditionRow("Accepted", "True", "Accepted", "")],
            [
                new RouteAttachmentRow("HTTPRoute", new ObjectKey("default", "good"), "http", ["good.example.com"], true, []),
                new RouteAttachmentRow("HTTPRoute", new ObjectKey("default", "lost"), "missing", [], false,
                    [new ConditionRow("Accepted", "False", "NoMatchingParent", "no listener named missing")]),
            ]);
        return state with { Translation = state.Translation with { GatewayApi = [gateway] } };
    }

    [Fact]
    public async Task A_gateway_shows_listeners_and_why_a_route_did_not_attach()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(WithGateway()));

        var cut = ctx.Render<GatewayApiPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=gateway]")));
        Assert.Single(cut.FindAll("[data-testid=listener]"));
        Assert.Equal(2, cut.FindAll("[data-testid=gateway-route]").Count);
        Assert.Contains("1 of 2 routes attached", cut.Markup);
        // Only the route that did not attach carries a reason.
        var why = Assert.Single(cut.FindAll("[data-testid=route-why]"));
        Assert.Equal("Accepted: NoMatchingParent — no listener named missing", why.TextContent.Trim());
    }

    [Fact]
    public async Task Without_gateways_the_page_says_so()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(State(Demo, 1)));

        var cut = ctx.Render<GatewayApiPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=no-gateways]")));
        Assert.Empty(cut.FindAll("[data-testid=gateway]"));
    }
}
