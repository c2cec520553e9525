using Bunit;
using KongDashboard.Actions;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Leadership;
using Microsoft.Extensions.DependencyInjection;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

public sealed class LeadershipPageTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static LeadershipState Election(string holder, string self, params LeadershipEvent[] timeline) => new(true, null)
    {
        Identity = self,
        LeaseName = "kong/kong-ingress-controller-leader-kong",
        IsLeader = holder == self,
        Holder = holder,
        Lease = new LeaseView(holder, Now.AddMinutes(-3), Now.AddSeconds(-1), 15, 4, "42", Now),
        Timings = new ElectionTimings(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)),
        Candidates =
        [
            new LeaderCandidate("dash-a", "kong/dash-a", "sim-node-1", true, Now, self == "dash-a", holder == "dash-a"),
            new LeaderCandidate("dash-b", "kong/dash-b", "sim-node-2", true, Now, self == "dash-b", holder == "dash-b"),
            new LeaderCandidate("dash-c", "kong/dash-c", "sim-node-3", false, Now.AddMinutes(-1), self == "dash-c", holder == "dash-c"),
        ],
        Timeline = [.. timeline],
    };

    private static ControllerState WithElection(LeadershipState election) => State(Demo, 1) with { Leadership = election };

    [Fact]
    public async Task Shows_the_lease_the_candidates_and_the_timeline()
    {
        var handOff = new LeadershipEvent(Now, LeadershipEventKind.FirstPush, "dash-b", new LeaseTerm(4, "dash-b"), "first push after hand-off", TimeSpan.FromMilliseconds(320));
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(WithElection(Election("dash-b", "dash-a", handOff))));
        ctx.Services.AddSingleton<IDashboardActions>(new RecordingActions());

        var cut = ctx.Render<KongDashboard.Components.Pages.Leadership>();

        Assert.Contains("dash-b", cut.Find("[data-testid=lease-holder]").TextContent);
        Assert.Equal("4", cut.Find("[data-testid=lease-transitions]").TextContent.Trim());
        Assert.Matches(@"\d+ s|< 1 s", cut.Find("[data-testid=lease-expiry]").TextContent);
        Assert.Equal(3, cut.Find("[data-testid=candidates]").QuerySelectorAll("tbody tr").Length);
        Assert.Contains("leader", cut.Find("[data-testid=candidates]").TextContent);
        Assert.Contains("320 ms", cut.Find("[data-testid=leadership-timeline]").TextContent);
    }

    [Fact]
    public async Task Hand_off_asks_for_confirmation_then_runs_the_action()
    {
        var actions = new RecordingActions();
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(WithElection(Election("dash-a", "dash-a"))));
        ctx.Services.AddSingleton<IDashboardActions>(actions);
        var provider = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.Render<KongDashboard.Components.Pages.Leadership>();

        // Not awaited: the handler waits for the confirmation the test gives below.
        _ = cut.Find("[data-testid=handoff]").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains("Move leadership from dash-a", provider.Markup));
        var confirm = provider.FindAll("button").First(b => b.TextContent.Contains("Hand off", StringComparison.Ordinal));
        await confirm.ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal([new HandOffAction("any")], actions.Runs));
    }

    [Fact]
    public async Task A_live_hand_off_moves_the_holder_without_a_reload()
    {
        var feed = new StateFeed<ControllerState>(WithElection(Election("dash-a", "dash-a")));
        await using var ctx = DashboardTestContext.Create(feed);
        ctx.Services.AddSingleton<IDashboardActions>(new RecordingActions());
        var cut = ctx.Render<KongDashboard.Components.Pages.Leadership>();

        feed.Publish(WithElection(Election("dash-c", "dash-a")));

        cut.WaitForAssertion(() => Assert.Contains("dash-c", cut.Find("[data-testid=lease-holder]").TextContent));
    }

    [Fact]
    public async Task Election_off_says_why()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(WithElection(new LeadershipState(false, "static Kong:AdminUrls (sidecar mode)"))));
        ctx.Services.AddSingleton<IDashboardActions>(new RecordingActions());

        var cut = ctx.Render<KongDashboard.Components.Pages.Leadership>();

        Assert.Contains("sidecar", cut.Find("[data-testid=election-off]").TextContent);
    }

    private sealed class RecordingActions : IDashboardActions
    {
        public List<DashboardAction> Runs { get; } = [];

        public Task<ActionOutcome> RunAsync(DashboardAction action, CancellationToken cancellationToken = default)
        {
            Runs.Add(action);
            return Task.FromResult(new ActionOutcome(true, "ok"));
        }
    }
}
