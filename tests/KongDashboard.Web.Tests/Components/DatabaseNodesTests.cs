using Bunit;
using KongDashboard.Actions;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Sync.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>DB mode on Gateways and Overview: the mode chip, and per node its database and whether it picked up the last write.</summary>
public sealed class DatabaseNodesTests
{
    private static readonly TranslationRow Echo = Ingress("default", "echo");
    private static readonly ConfigPayload Desired = Payload(Config(Echo), generation: 2);
    private static readonly NodePollSettings Polling = new(DbUpdateFrequency: 5, DbUpdatePropagation: 0, WorkerStateUpdateFrequency: 5, Assumed: false);
    private const string NodeA = "http://10.0.0.1:8001";
    private const string NodeB = "http://10.0.0.2:8001";

    /// <summary>Two nodes; the leader wrote through A <paramref name="secondsAgo"/> seconds ago (none when null).</summary>
    private static ControllerState DbMode(int? secondsAgo, bool bReachesDatabase = true, bool leader = true)
    {
        var gateways = new[]
        {
            Gateway("kong-gw-a", "10.0.0.1", GatewaySyncState.InSync, Desired) with { DatabaseReachable = true, DatabasePolling = Polling },
            Gateway("kong-gw-b", "10.0.0.2", GatewaySyncState.InSync, Desired) with { DatabaseReachable = bReachesDatabase, DatabasePolling = Polling },
        };
        DbSyncReport[] reports = secondsAgo is { } ago ? [new(Now.AddSeconds(-ago), TimeSpan.FromMilliseconds(30), Desired.Sha, false, NodeA, 2, [], null)] : [];
        var history = new DbSyncHistory([.. reports]);
        var sync = Sync(Desired, gateways) with { KongDatabase = "postgres", Database = leader ? history : DbSyncHistory.Empty };
        if (!leader)
        {
            sync = sync with
            {
                Enabled = false,
                DisabledReason = "not the leader",
                Leader = LeaderPushes.From("dashboard-0", SyncState.Empty with { Database = history }),
            };
        }

        return With(State(Demo, 1, Echo), sync, [Pod("kong-gw-a", "10.0.0.1"), Pod("kong-gw-b", "10.0.0.2")]);
    }

    private static (BunitContext Context, FakeTimeProvider Time) Context(ControllerState state)
    {
        var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(state));
        ctx.Services.AddSingleton<IDashboardActions>(new RecordingDashboardActions());
        var time = new FakeTimeProvider(Now);
        ctx.Services.AddSingleton<TimeProvider>(time);
        return (ctx, time);
    }

    private static string PickUp(IRenderedComponent<Gateways> cut, string node) =>
        cut.Find($"[data-testid=db-node][data-node='{node}'] [data-testid=db-node-pickup]").TextContent.Trim();

    [Fact]
    public async Task Each_node_counts_down_to_picked_up_by_its_own_polling_bound()
    {
        var (ctx, time) = Context(DbMode(secondsAgo: 3));
        await using var _ = ctx;

        var cut = ctx.Render<Gateways>();

        Assert.Equal("DB mode: postgres", cut.Find("[data-testid=kong-mode]").TextContent.Trim());
        Assert.Contains("Kong does not report which database state a node serves", cut.Find("[data-testid=db-nodes-note]").TextContent, StringComparison.Ordinal);
        Assert.Contains("through " + NodeA, cut.Find("[data-testid=db-last-write]").TextContent, StringComparison.Ordinal);
        // A was written through: only its router rebuild (5 s) is left; B also waits for its poll (5 + 0 + 5 s)
        Assert.Equal("within 2 s", PickUp(cut, NodeA));
        Assert.Equal("within 7 s", PickUp(cut, NodeB));
        Assert.All(cut.FindAll("[data-testid=db-node-database]"), d => Assert.Equal("reachable", d.TextContent.Trim()));

        time.Advance(TimeSpan.FromSeconds(2)); // the component ticks while a node is pending: no new state needed
        cut.WaitForAssertion(() => Assert.Equal("picked up by now", PickUp(cut, NodeA)));
        Assert.Equal("within 5 s", PickUp(cut, NodeB));

        time.Advance(TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Equal("picked up by now", PickUp(cut, NodeB)));
    }

    [Fact]
    public async Task A_node_that_cannot_reach_the_database_is_never_said_to_have_picked_up()
    {
        var (ctx, _) = Context(DbMode(secondsAgo: 600, bReachesDatabase: false));
        await using var __ = ctx;

        var cut = ctx.Render<Gateways>();

        Assert.Equal("picked up by now", PickUp(cut, NodeA)); // positive control: long enough ago
        Assert.StartsWith("no: it cannot reach the database", PickUp(cut, NodeB), StringComparison.Ordinal);
        Assert.Equal("unreachable", cut.Find($"[data-testid=db-node][data-node='{NodeB}'] [data-testid=db-node-database]").TextContent.Trim());
    }

    [Fact]
    public async Task A_follower_judges_the_nodes_by_the_write_the_leader_published()
    {
        var (ctx, _) = Context(DbMode(secondsAgo: 3, leader: false));
        await using var __ = ctx;

        var cut = ctx.Render<Gateways>();

        Assert.Equal("within 7 s", PickUp(cut, NodeB));
        Assert.Contains("through " + NodeA, cut.Find("[data-testid=db-last-write]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_any_write_no_node_is_pending()
    {
        var (ctx, _) = Context(DbMode(secondsAgo: null));
        await using var __ = ctx;

        var cut = ctx.Render<Gateways>();

        Assert.Equal("no database write seen yet", cut.Find("[data-testid=db-last-write]").TextContent.Trim());
        Assert.Equal("nothing written yet", PickUp(cut, NodeA));
    }

    [Fact]
    public async Task DbLess_shows_its_mode_and_no_database_panel()
    {
        var (dbCtx, _) = Context(DbMode(secondsAgo: 3));
        await using var ___ = dbCtx;
        Assert.Single(dbCtx.Render<Gateways>().FindAll("[data-testid=db-nodes]")); // positive control

        var dbLess = With(State(Demo, 1, Echo), Sync(Desired, Gateway("kong-gw-a", "10.0.0.1", GatewaySyncState.InSync, Desired)));
        var (ctx, _) = Context(dbLess);
        await using var __ = ctx;

        var cut = ctx.Render<Gateways>();

        Assert.Equal("DB-less", cut.Find("[data-testid=kong-mode]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=db-nodes]"));
    }

    [Fact]
    public async Task Overview_shows_the_mode_on_the_gateways_card()
    {
        var (ctx, _) = Context(DbMode(secondsAgo: 3));
        await using var __ = ctx;

        var cut = ctx.Render<Overview>();

        Assert.Equal("DB mode: postgres", cut.Find("[data-testid=glance-gateways] [data-testid=kong-mode]").TextContent.Trim());
    }
}
