using Bunit;
using KongDashboard.Components.Controls;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

public sealed class OverviewPageTests
{
    [Fact]
    public async Task Embedded_mode_is_labelled_as_the_demo_cluster()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(State(Demo, 1, Ingress("default", "echo"))));

        var cut = ctx.Render<Overview>();

        Assert.Contains("Embedded demo cluster", cut.Find("[data-testid=cluster-display-name]").TextContent);
        Assert.Contains("DEMO", cut.Find("[data-testid=demo-banner]").TextContent);
    }

    [Fact]
    public async Task A_real_cluster_shows_its_context_and_no_demo_label()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(State(Real, 1)));

        var cut = ctx.Render<Overview>();

        Assert.Empty(cut.FindAll("[data-testid=demo-banner]"));
        Assert.Contains("prod-eu", cut.Markup);
        Assert.Contains("Observer", cut.Markup);
    }

    [Fact]
    public async Task Shows_counts_per_kind_and_links_failures()
    {
        var failed = Ingress("shop", "payments", IngressStatus.Failed, messages: "boom");
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(State(Demo, 1, Ingress("default", "echo"), failed)));

        var cut = ctx.Render<Overview>();

        Assert.Equal(["2", "7", "2"], cut.FindAll("[data-testid=kind-count]").Select(c => c.TextContent.Trim()));
        Assert.Equal("translation?tab=failures", cut.Find("[data-testid=failure-link]").GetAttribute("href"));
        Assert.Contains("1 failure", cut.Find("[data-testid=failure-link]").TextContent);
    }

    [Fact]
    public async Task Updates_live_when_the_cache_syncs()
    {
        var feed = new StateFeed<ControllerState>(ControllerState.Initial("i-1", Demo));
        await using var ctx = DashboardTestContext.Create(feed);
        var cut = ctx.Render<Overview>();
        Assert.Equal("Syncing", cut.Find("[data-testid=cache-state]").TextContent.Trim());

        feed.Publish(State(Demo, 5, Ingress("default", "echo")));

        cut.WaitForAssertion(() => Assert.Equal("Synced", cut.Find("[data-testid=cache-state]").TextContent.Trim()));
    }

    [Fact]
    public async Task Cluster_badge_marks_the_demo_cluster_and_the_role()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(State(Demo, 1)));

        var cut = ctx.Render<ClusterBadge>();

        Assert.Contains("DEMO", cut.Markup);
        Assert.Equal("Active", cut.Find("[data-testid=role-chip]").TextContent.Trim());
    }
}
