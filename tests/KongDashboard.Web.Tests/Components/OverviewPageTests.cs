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
        var failed = Ingress("shop", "payments", TranslationOutcome.Failed, messages: "boom");
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(State(Demo, 1, Ingress("default", "echo"), failed)));

        var cut = ctx.Render<Overview>();

        Assert.Equal(["2", "7", "2"], cut.FindAll("[data-testid=kind-count]").Select(c => c.TextContent.Trim()));
        Assert.Equal("translation?tab=failures", cut.Find("[data-testid=failure-link]").GetAttribute("href"));
        Assert.Contains("1 failed object", cut.Find("[data-testid=failure-link]").TextContent);
    }

    [Fact]
    public async Task Lists_objects_of_its_class_that_are_not_translated_also_in_the_status_api()
    {
        var plain = State(Demo, 1, Ingress("default", "echo"));
        var entity = new KongDashboard.Core.Cluster.ObjectRef("configuration.konghq.com", "v1alpha1", "KongCustomEntity", "default", "degraphql");
        var railed = plain with { Translation = plain.Translation with { NotTranslated = [entity] } };
        await using (var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(plain)))
        {
            Assert.Empty(ctx.Render<Overview>().FindAll("[data-testid=not-translated]"));
        }

        await using var railedCtx = DashboardTestContext.Create(new StateFeed<ControllerState>(railed));
        var cut = railedCtx.Render<Overview>();

        Assert.Contains("KongCustomEntity default/degraphql: not translated by this controller: KongCustomEntity",
            cut.Find("[data-testid=not-translated]").TextContent, StringComparison.Ordinal);
        var json = System.Text.Json.JsonSerializer.Serialize(KongDashboard.Api.StateShapes.Status(railed));
        Assert.Contains("\"notTranslated\":[{\"kind\":\"KongCustomEntity\"", json, StringComparison.Ordinal);
        Assert.Contains("\"message\":\"not translated by this controller: KongCustomEntity\"", json, StringComparison.Ordinal);
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

    [Fact]
    public async Task One_glance_cards_link_to_their_pages_and_show_hpa_and_leadership()
    {
        var state = AutoscalingStates.With(State(Demo, 1), AutoscalingStates.Hpa(6, 6, 62));
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(state));

        var cut = ctx.Render<Overview>();

        Assert.Equal("leadership", cut.Find("[data-testid=glance-leader-link]").GetAttribute("href"));
        Assert.Equal("gateways", cut.Find("[data-testid=glance-gateways-link]").GetAttribute("href"));
        Assert.Equal("autoscaling", cut.Find("[data-testid=glance-hpa-link]").GetAttribute("href"));
        Assert.Equal("configuration", cut.Find("[data-testid=glance-push-link]").GetAttribute("href"));
        Assert.Equal("translation?tab=failures", cut.Find("[data-testid=glance-failures-link]").GetAttribute("href"));
        Assert.Equal("leader election off", cut.Find("[data-testid=leader-value]").TextContent.Trim());
        Assert.Equal("6 → 6 replicas", cut.Find("[data-testid=hpa-value]").TextContent.Trim());
        Assert.Contains("CPU 62% / 70%", cut.Find("[data-testid=hpa-cpu]").TextContent);
        Assert.Equal("0 / 0", cut.Find("[data-testid=gateways-value]").TextContent.Trim());
        Assert.Equal("nothing pushed yet", cut.Find("[data-testid=push-value]").TextContent.Trim());
        // The autoscaling trend comes from the core's buffer: a chart, not "collecting".
        Assert.NotEmpty(cut.Find("[data-testid=glance-hpa]").QuerySelectorAll("svg"));
    }

    [Fact]
    public async Task Leadership_card_shows_the_holder_when_election_is_on()
    {
        var state = State(Demo, 1) with { Leadership = new KongDashboard.Core.Leadership.LeadershipState(true, null) { Holder = "kong-dashboard-1", IsLeader = false } };
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(state));

        var cut = ctx.Render<Overview>();

        Assert.Equal("kong-dashboard-1", cut.Find("[data-testid=leader-value]").TextContent.Trim());
        Assert.Contains("follower", cut.Find("[data-testid=glance-leader]").TextContent);
    }

    [Fact]
    public async Task Translation_failures_card_counts_them()
    {
        var failed = Ingress("shop", "payments", TranslationOutcome.Failed, messages: "boom");
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(State(Demo, 1, failed)));

        var cut = ctx.Render<Overview>();

        Assert.Equal("1", cut.Find("[data-testid=failures-value]").TextContent.Trim());
    }
}
