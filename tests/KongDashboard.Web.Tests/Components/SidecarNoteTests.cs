using Bunit;
using KongDashboard.Actions;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Sync;
using Microsoft.Extensions.DependencyInjection;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>"sidecar: this replica's own Kong, no leader election" appears only when both halves are true.</summary>
public sealed class SidecarNoteTests
{
    private static readonly TranslationRow Echo = Ingress("default", "echo");
    private static readonly ConfigPayload Desired = Payload(Config(Echo), generation: 2);

    private static ControllerState Static(bool electionOn)
    {
        var sync = Sync(Desired, Gateway("kong-dashboard-a", "127.0.0.9", GatewaySyncState.InSync, Desired)) with { StaticAdminUrls = true };
        return With(State(Demo, 1, Echo), sync) with
        {
            Leadership = electionOn ? new LeadershipState(true, null) : new LeadershipState(false, "static Kong:AdminUrls (sidecar): each replica configures its own Kong"),
        };
    }

    private static BunitContext Context(ControllerState state)
    {
        var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(state));
        ctx.Services.AddSingleton<IDashboardActions>(new RecordingDashboardActions());
        return ctx;
    }

    [Fact]
    public async Task Static_urls_with_election_off_say_sidecar_and_with_election_forced_on_do_not_claim_no_leader()
    {
        await using var off = Context(Static(electionOn: false));
        Assert.Equal("sidecar: this replica's own Kong, no leader election", off.Render<Gateways>().Find("[data-testid=sidecar-note]").TextContent.Trim());

        await using var forced = Context(Static(electionOn: true));
        var cut = forced.Render<Gateways>();
        Assert.Equal("DB-less sidecar", cut.Find("[data-testid=kong-mode]").TextContent.Trim()); // still static URLs
        Assert.Empty(cut.FindAll("[data-testid=sidecar-note]"));
    }
}
