using Bunit;
using KongDashboard.Actions;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

public sealed class GatewaysPageTests
{
    private static readonly TranslationRow Echo = Ingress("default", "echo");
    private static readonly TranslationRow Shop = Ingress("shop", "storefront");
    private static readonly ConfigPayload Good = Payload(Config(Echo), generation: 4);
    private static readonly ConfigPayload Desired = Payload(Config(Echo, Shop), generation: 5);

    private static readonly KongRejection Rejection =
        new("route", "shop.storefront.00", "invalid paths: must start with /", IngressRef("shop", "storefront"));

    private static ControllerState TwoGateways(bool enabled = true)
    {
        var failed = Push(Desired, success: false, secondsAgo: 3, Rejection);
        var gateways = new[]
        {
            Gateway("kong-gw-a", "10.0.0.1", GatewaySyncState.InSync, Desired, Push(Desired), Push(Good, secondsAgo: 60)),
            Gateway("kong-gw-b", "10.0.0.2", GatewaySyncState.OutOfSync, Good, failed, Push(Good, secondsAgo: 60)),
        };
        var sync = Sync(Desired, gateways) with { Enabled = enabled, DisabledReason = enabled ? null : "Observer role" };
        return With(State(Demo, 1, Echo, Shop), sync,
            [Pod("kong-gw-a", "10.0.0.1"), Pod("kong-gw-b", "10.0.0.2", restarts: 2, ready: false, lastTerminationReason: "OOMKilled")],
            Metrics(("kong-gw-a", 0.25m, 256m * 1024 * 1024)));
    }

    private static BunitContext Context(ControllerState state, RecordingDashboardActions actions, bool admin = true)
    {
        var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(state));
        ctx.Services.AddSingleton<IDashboardActions>(actions);
        if (!admin)
        {
            // DashboardTestContext signs in an Admin; this user may only look.
            ctx.AddAuthorization().SetAuthorized("vera").SetRoles(DashboardRoles.Viewer);
        }

        return ctx;
    }

    private static string Text(AngleSharp.Dom.IElement e) => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Shows_one_row_per_gateway_with_pod_health_sync_state_and_usage()
    {
        await using var ctx = Context(TwoGateways(), new RecordingDashboardActions());

        var cut = ctx.Render<Gateways>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=gateway-name]").Count));
        Assert.Equal(["InSync", "OutOfSync"], cut.FindAll("[data-testid=gateway-sync]").Select(e => e.GetAttribute("data-state")));
        Assert.Equal(["In sync", "Out of sync"], cut.FindAll("[data-testid=sync-chip]").Select(Text));
        Assert.Equal(["0", "2"], cut.FindAll("[data-testid=gateway-restarts]").Select(Text));
        Assert.Contains("OOMKilled (137)", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(["Ready", "Not ready"], cut.FindAll("[data-testid=gateway-ready]").Select(Text));
        Assert.Equal("10.0.0.1:8001", Text(cut.FindAll("[data-testid=gateway-address]")[0]));
        // 250m of a 500m request, 256 MiB of a 512 MiB request; the second pod has no metrics.
        Assert.Equal(["250m", "50%"], cut.Find("[data-testid=gateway-cpu]").Children.Select(Text));
        Assert.Equal(["256 MiB", "50%"], cut.Find("[data-testid=gateway-memory]").Children.Select(Text));
        Assert.Equal("1,234 req", Text(cut.FindAll("[data-testid=gateway-requests]")[0]));
        Assert.Contains("failed (400)", Text(cut.FindAll("[data-testid=last-push-result]")[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_counts_gateways_in_sync_and_names_the_desired_configuration()
    {
        await using var ctx = Context(TwoGateways(), new RecordingDashboardActions());

        var cut = ctx.Render<Gateways>();

        Assert.Equal("1/2 in sync", Text(cut.Find("[data-testid=in-sync-count]")));
        var desired = Text(cut.Find("[data-testid=desired-summary]"));
        Assert.Contains(Desired.ShortSha, desired, StringComparison.Ordinal);
        Assert.Contains("gen 5", desired, StringComparison.Ordinal);
        Assert.Equal("Pushing", Text(cut.Find("[data-testid=push-role]")));
    }

    [Fact]
    public async Task Without_metrics_server_the_page_says_so_quietly()
    {
        var state = TwoGateways() with { PodMetrics = Core.Autoscaling.PodMetricsState.Unknown with { Reason = "metrics.k8s.io not served" } };
        await using var ctx = Context(state, new RecordingDashboardActions());

        var cut = ctx.Render<Gateways>();

        Assert.Contains("metrics-server not available (metrics.k8s.io not served)", cut.Find("[data-testid=metrics-note]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=gateway-cpu]"));
        Assert.Empty(cut.FindAll(".mud-alert-filled-error, .mud-alert-text-error"));
    }

    [Fact]
    public async Task A_live_state_updates_the_sync_state_of_a_row()
    {
        var feed = new StateFeed<ControllerState>(TwoGateways());
        await using var ctx = DashboardTestContext.Create(feed);
        ctx.Services.AddSingleton<IDashboardActions>(new RecordingDashboardActions());
        var cut = ctx.Render<Gateways>();
        cut.WaitForAssertion(() => Assert.Equal("1/2 in sync", Text(cut.Find("[data-testid=in-sync-count]"))));

        var healed = TwoGateways();
        healed = healed with
        {
            Version = 2,
            Sync = healed.Sync with { Gateways = [.. healed.Sync.Gateways.Select(g => g with { State = GatewaySyncState.InSync, AppliedSha = Desired.Sha })] },
        };
        feed.Publish(healed);

        cut.WaitForAssertion(() => Assert.Equal("2/2 in sync", Text(cut.Find("[data-testid=in-sync-count]"))));
        Assert.All(cut.FindAll("[data-testid=gateway-sync]"), e => Assert.Equal("InSync", e.GetAttribute("data-state")));
    }

    [Fact]
    public async Task The_drawer_shows_push_history_kongs_errors_mapped_to_objects_and_pod_conditions()
    {
        await using var ctx = Context(TwoGateways(), new RecordingDashboardActions());
        var cut = ctx.Render<Gateways>();

        cut.FindAll("[data-testid=gateway-name]")[1].Click();

        cut.WaitForAssertion(() => Assert.Contains("kong/kong-gw-b", cut.Find("[data-testid=gateway-detail] h2").TextContent, StringComparison.Ordinal));
        var pushes = cut.FindAll("[data-testid=push-row]");
        Assert.Equal(2, pushes.Count);
        Assert.Equal(["false", "true"], pushes.Select(p => p.GetAttribute("data-success")));
        Assert.Contains("400", Text(pushes[0]), StringComparison.Ordinal);
        var rejection = cut.Find("[data-testid=gateway-detail] [data-testid=rejection-row]");
        Assert.Equal("Ingress", Text(rejection.QuerySelector("[data-testid=rejection-kind]")!));
        Assert.Equal("shop/storefront", Text(rejection.QuerySelector("[data-testid=rejection-object]")!));
        Assert.Contains("invalid paths: must start with /", rejection.TextContent, StringComparison.Ordinal);
        Assert.Contains("ContainersNotReady", cut.Find("[data-testid=pod-conditions]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resync_this_gateway_runs_the_action_for_that_gateway_and_shows_the_outcome()
    {
        var actions = new RecordingDashboardActions();
        await using var ctx = Context(TwoGateways(), actions);
        var snackbars = ctx.Render<MudSnackbarProvider>();
        var cut = ctx.Render<Gateways>();

        cut.FindAll("button[data-testid=resync-gateway]")[1].Click();

        cut.WaitForAssertion(() => Assert.Equal([new ResyncAction("http://10.0.0.2:8001")], actions.Actions));
        snackbars.WaitForAssertion(() => Assert.Contains("Re-pushing to http://10.0.0.2:8001", snackbars.Markup, StringComparison.Ordinal));
        // Pushing until the gateway's last push changes.
        Assert.Single(cut.FindAll("[data-testid=pushing]"));
    }

    [Fact]
    public async Task Resync_all_asks_for_confirmation_then_runs_the_action_for_all_gateways()
    {
        var actions = new RecordingDashboardActions();
        await using var ctx = Context(TwoGateways(), actions);
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<Gateways>();

        cut.Find("button[data-testid=resync-all]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("all 2 gateways", dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(actions.Actions);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Resync all").Click();

        cut.WaitForAssertion(() => Assert.Equal([new ResyncAction(null)], actions.Actions));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_runs_nothing()
    {
        var actions = new RecordingDashboardActions();
        await using var ctx = Context(TwoGateways(), actions);
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<Gateways>();

        cut.Find("button[data-testid=resync-all]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("all 2 gateways", dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(actions.Actions);
    }

    [Fact]
    public async Task Actions_are_disabled_with_the_reason_on_a_replica_that_does_not_push()
    {
        var actions = new RecordingDashboardActions();
        await using var ctx = Context(TwoGateways(enabled: false), actions);

        var cut = ctx.Render<Gateways>();

        var all = cut.Find("button[data-testid=resync-all]");
        Assert.True(all.HasAttribute("disabled"));
        Assert.Contains("Observer role", all.GetAttribute("aria-description"), StringComparison.Ordinal);
        Assert.All(cut.FindAll("button[data-testid=resync-gateway]"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Equal("Not pushing", Text(cut.Find("[data-testid=push-role]")));
        Assert.Contains("Observer role", cut.Find("[data-testid=not-pushing]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_that_does_not_push_shows_sync_as_unknown_instead_of_out_of_sync()
    {
        var sync = Sync(Desired, Gateway("kong-gw-a", "10.0.0.1", GatewaySyncState.OutOfSync, null)) with { Enabled = false, DisabledReason = "not leading" };
        await using var ctx = Context(With(State(Demo, 1, Echo), sync, [Pod("kong-gw-a", "10.0.0.1")]), new RecordingDashboardActions());

        var cut = ctx.Render<Gateways>();

        Assert.Equal("Unknown", cut.Find("[data-testid=sync-chip]").GetAttribute("data-state"));
        Assert.Contains("sync unknown here", Text(cut.Find("[data-testid=in-sync-count]")), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".kd-row-failed"));
    }

    [Fact]
    public async Task A_follower_that_reads_the_leaders_pushes_shows_real_states_and_who_pushed()
    {
        var push = Push(Desired) with { PushedBy = "kong-dashboard-leader" };
        var rejected = Push(Desired, success: false) with { PushedBy = "kong-dashboard-leader" };
        var leader = new LeaderPushes("kong-dashboard-leader", Desired.Sha, Desired.Sha, []);
        var gateways = Sync(Desired,
            Gateway("kong-gw-a", "10.0.0.1", GatewaySyncState.InSync, Desired, push),
            Gateway("kong-gw-b", "10.0.0.2", GatewaySyncState.Rejected, null, rejected));
        var sync = gateways with { Enabled = false, DisabledReason = "not leading", Leader = leader };
        await using var ctx = Context(With(State(Demo, 1, Echo), sync, [Pod("kong-gw-a", "10.0.0.1"), Pod("kong-gw-b", "10.0.0.2")]), new RecordingDashboardActions());

        var cut = ctx.Render<Gateways>();

        Assert.Equal(["InSync", "Rejected"], cut.FindAll("[data-testid=sync-chip]").Select(e => e.GetAttribute("data-state")));
        Assert.Contains("1/2 in sync", Text(cut.Find("[data-testid=in-sync-count]")), StringComparison.Ordinal);
        Assert.Single(cut.FindAll(".kd-row-failed"));
        Assert.All(cut.FindAll("[data-testid=pushed-by]"), e => Assert.Contains("kong-dashboard-leader", e.TextContent, StringComparison.Ordinal));
        Assert.Equal(2, cut.FindAll("[data-testid=pushed-by]").Count);
    }

    [Fact]
    public async Task Actions_are_disabled_with_the_gates_reason_for_a_user_who_may_not_run_them()
    {
        var actions = new RecordingDashboardActions();
        await using var ctx = Context(TwoGateways(), actions, admin: false);

        var cut = ctx.Render<Gateways>();

        cut.WaitForAssertion(() => Assert.True(cut.Find("button[data-testid=resync-all]").HasAttribute("disabled")));
        var reason = cut.Find("button[data-testid=resync-all]").GetAttribute("aria-description");
        Assert.False(string.IsNullOrEmpty(reason));
        Assert.All(cut.FindAll("button[data-testid=resync-gateway]"), b =>
        {
            Assert.True(b.HasAttribute("disabled"));
            Assert.Equal(reason, b.GetAttribute("aria-description"));
        });
        Assert.Contains("vera is a Viewer", reason, StringComparison.Ordinal);
        Assert.Empty(actions.Actions);
    }
}
