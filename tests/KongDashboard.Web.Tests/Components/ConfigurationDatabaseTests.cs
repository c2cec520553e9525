using Bunit;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Sync.Database;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>DB mode on the Configuration page: each entity sync as a diff with its objects, refused writes, corrected drift.</summary>
public sealed class ConfigurationDatabaseTests
{
    private static readonly TranslationRow Echo = Ingress("default", "echo");
    private static readonly ConfigPayload Desired = Payload(Config(Echo), generation: 3);

    private static DbSyncReport FullReconciliation() => new(Now.AddSeconds(-20), TimeSpan.FromMilliseconds(80), Desired.Sha, Full: true,
        "http://10.0.0.1:8001", WriteCalls: 4,
        [
            new(DbChangeKind.Created, "route", "default.echo.echo.00", "id-1", IngressRef("default", "echo"), Drift: false, null),
            new(DbChangeKind.Updated, "route", "shop.storefront.00", "id-2", IngressRef("shop", "storefront"), Drift: true, null),
            new(DbChangeKind.Deleted, "route", "by-hand", "id-3", null, Drift: true, null),
            new(DbChangeKind.Created, "route", "shop.broken.00", "id-4", IngressRef("shop", "broken"), Drift: false,
                "schema violation (paths.1: should start with: / (fixed path) or ~/ (regex path))"),
        ],
        Error: null);

    private static ControllerState DbMode(bool writer, params DbSyncReport[] reports)
    {
        var sync = Sync(Desired, Gateway("kong-gw-a", "10.0.0.1", GatewaySyncState.InSync, Desired)) with
        {
            Enabled = writer,
            DisabledReason = writer ? null : "not the leader",
            Database = new DbSyncHistory([.. reports]),
        };
        return With(State(Demo, 1, Echo), sync);
    }

    private static IRenderedComponent<Configuration> RenderAt(BunitContext ctx, string tab)
    {
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameter("tab", tab));
        return ctx.Render<Configuration>();
    }

    [Fact]
    public async Task Each_sync_lists_its_entity_changes_with_their_objects_errors_and_corrected_drift()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(DbMode(writer: true, FullReconciliation())));

        var cut = RenderAt(ctx, Configuration.DatabaseTab);

        Assert.Contains("DB mode", cut.Find("[data-testid=config-db-mode]").TextContent, StringComparison.Ordinal);
        var sync = cut.Find("[data-testid=db-sync]");
        Assert.Contains("Full reconciliation", sync.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 Admin API write call(s)", sync.TextContent, StringComparison.Ordinal);
        Assert.Equal("+2 created · ~1 updated · −1 deleted", Normalize(cut.Find("[data-testid=db-sync-counts]").TextContent));
        Assert.Equal("2 drift corrected", cut.Find("[data-testid=db-drift]").TextContent.Trim()); // the refused write is not counted

        var rows = cut.FindAll("[data-testid=db-change]");
        Assert.Equal(4, rows.Count);
        Assert.Contains("default/echo", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("shop/storefront", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("changed in Kong by hand; corrected", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("no object tag", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Kong refused: schema violation", rows[3].QuerySelector("[data-testid=db-change-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("shop/broken", rows[3].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_less_has_no_database_tab_and_a_follower_says_it_does_not_write()
    {
        // Positive control first: the tab is there in DB mode.
        await using (var dbCtx = DashboardTestContext.Create(new StateFeed<ControllerState>(DbMode(writer: true))))
        {
            var db = RenderAt(dbCtx, Configuration.DatabaseTab);
            Assert.NotNull(db.Find("[data-testid=db-no-sync]"));
        }

        await using (var dbLessCtx = DashboardTestContext.Create(new StateFeed<ControllerState>(With(State(Demo, 1, Echo), Sync(Desired)))))
        {
            var dbLess = RenderAt(dbLessCtx, Configuration.DatabaseTab);
            Assert.Empty(dbLess.FindAll("[data-testid=config-db-mode]"));
            Assert.Empty(dbLess.FindAll("[data-testid=db-mode-note]"));
            Assert.NotNull(dbLess.Find("[data-testid=config-yaml]")); // the unknown tab falls back to Current
        }

        await using var followerCtx = DashboardTestContext.Create(new StateFeed<ControllerState>(DbMode(writer: false)));
        var follower = RenderAt(followerCtx, Configuration.DatabaseTab);
        Assert.Contains("does not write Kong's database (not the leader)", follower.Find("[data-testid=db-not-writing]").TextContent, StringComparison.Ordinal);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
