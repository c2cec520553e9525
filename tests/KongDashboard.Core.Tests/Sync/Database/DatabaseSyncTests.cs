using KongDashboard.Core.Sync.Database;
using Xunit.Abstractions;

namespace KongDashboard.Core.Tests.Sync.Database;

/// <summary>DB-mode sync (go-database-reconciler's dump, diff and ordered writes) against embedded Kong nodes sharing a database.</summary>
public sealed class DatabaseSyncTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_first_sync_writes_every_entity_in_dependency_order_and_never_posts_config()
    {
        await using var kong = await DbSyncFixture.StartAsync();
        kong.Translate(DbSyncFixture.Snapshot("one", "two"));
        await Eventually.True(() => kong.RouteNames().Count == 2, "both routes in the database");
        await Eventually.True(() => kong.History.Reports.Any(r => r.Success), "a successful sync");

        var first = kong.History.Reports.Last(r => r.Success);
        Assert.True(first.Full);
        Assert.Equal(["apps.one.web..80", "apps.two.web..80"], kong.RouteNames());
        Assert.Single(kong.Database.Rows("services"));
        // every entity carries the select tag and the k8s-* tags of its object
        Assert.All(kong.Database.Rows("routes"), r => Assert.Contains(DesiredState.SelectTag, r["tags"]!.AsArray().Select(t => t!.GetValue<string>())));
        var writes = kong.Database.Writes.ToList();
        var routeWrite = writes.FindIndex(w => w.Path.StartsWith("/routes/", StringComparison.Ordinal));
        var serviceWrite = writes.FindIndex(w => w.Path.StartsWith("/services/", StringComparison.Ordinal));
        Assert.True(serviceWrite >= 0 && serviceWrite < routeWrite, "services before routes");
        Assert.All(kong.Database.Writes, w => Assert.Equal("PUT", w.Method));
        Assert.All(first.Changes, c => Assert.Equal(DbChangeKind.Created, c.Change));
        Assert.Contains(first.Changes, c => c.EntityKind == "route" && c.Source?.Name == "one" && c.Source.Kind == "Ingress");
        // each node serves it once it polled (db_update_frequency 100 ms)
        await Eventually.True(() => kong.Gateways.All(g => g.Cache!.IsCurrent), "every node picked up the database");
    }

    [Fact]
    public async Task Every_node_reports_its_database_and_polling_and_is_said_to_have_picked_up_a_write_only_once_it_has()
    {
        await using var kong = await DbSyncFixture.StartAsync();
        await Eventually.True(() => kong.Sync.State.Current.Gateways is { Length: 2 } g && g.All(n => n.DatabasePolling is not null), "both nodes probed");
        var state = kong.Sync.State.Current;
        Assert.Equal("postgres", state.KongDatabase);
        Assert.All(state.Gateways, g => Assert.True(g.DatabaseReachable));
        Assert.All(state.Gateways, g => Assert.Equal(new NodePollSettings(0.1, 0, 0.1, Assumed: false), g.DatabasePolling));
        Assert.Null(state.LastDatabaseWrite);

        kong.Translate(DbSyncFixture.Snapshot("one"));
        await Eventually.True(() => kong.Sync.State.Current.LastDatabaseWrite is not null, "the write on the sync state");
        var write = kong.Sync.State.Current.LastDatabaseWrite!;
        Assert.Equal(kong.Sync.State.Current.Gateways[0].Id, write.Gateway); // written through one node only

        // once the judgment says "picked up" for every node, every node serves the write (the bound is truthful)
        await Eventually.True(() => kong.Sync.State.Current.Gateways.All(g => NodePickUp.Judge(g, write, DateTimeOffset.UtcNow).State == NodePickUpState.PickedUp), "picked up by every node");
        Assert.All(kong.Gateways, g => Assert.True(g.Cache!.IsCurrent, $"{g.AdminAddress} serves the last write"));
    }

    [Fact]
    public async Task A_single_ingress_change_costs_only_its_own_writes()
    {
        await using var kong = await DbSyncFixture.StartAsync();
        kong.Translate(DbSyncFixture.Snapshot(Enumerable.Range(0, 20).Select(i => $"ing{i}").ToArray()));
        await Eventually.True(() => kong.RouteNames().Count == 20, "twenty routes");
        var before = kong.Database.Writes.Count;
        Assert.True(before >= 21, $"initial writes {before}");

        kong.Translate(DbSyncFixture.Snapshot([.. Enumerable.Range(0, 20).Select(i => $"ing{i}"), "extra"]));
        await Eventually.True(() => kong.RouteNames().Contains("apps.extra.web..80"), "the new route");
        var added = kong.Database.Writes.Skip(before).ToList();
        output.WriteLine($"initial {before} writes; one new Ingress: {added.Count} write(s): {string.Join(", ", added.Select(w => w.Method + " " + w.Path))}");
        Assert.Single(added);
        Assert.StartsWith("/routes/", added[0].Path, StringComparison.Ordinal);
        await Eventually.True(() => !kong.History.Reports[0].Full, "the incremental sync reported (it is recorded after its write is readable)");

        // removing it is one DELETE
        var beforeDelete = kong.Database.Writes.Count;
        kong.Translate(DbSyncFixture.Snapshot(Enumerable.Range(0, 20).Select(i => $"ing{i}").ToArray()));
        await Eventually.True(() => !kong.RouteNames().Contains("apps.extra.web..80"), "the route deleted");
        var removed = Assert.Single(kong.Database.Writes.Skip(beforeDelete));
        Assert.Equal("DELETE", removed.Method);
    }

    [Fact]
    public async Task Drift_made_by_hand_is_found_by_the_full_reconciliation_and_corrected()
    {
        await using var kong = await DbSyncFixture.StartAsync();
        kong.Translate(DbSyncFixture.Snapshot("one"));
        await Eventually.True(() => kong.RouteNames().Count == 1 && kong.History.Reports.Any(r => r.Success), "route one");

        var paths = (await kong.GetAsync("/routes/apps.one.web..80"))["paths"]!.ToJsonString();
        // curl: change the route's paths and add a tagged route nobody asked for
        Assert.Equal(200, await kong.SendAsync(HttpMethod.Patch, "/routes/apps.one.web..80", """{"paths":["/hijacked"],"strip_path":false}"""));
        var service = kong.Database.Rows("services")[0]["id"]!.GetValue<string>();
        Assert.Equal(201, await kong.SendAsync(HttpMethod.Post, $"/services/{service}/routes", """{"name":"by-hand","paths":["/x"],"tags":["managed-by-ingress-controller"]}"""));
        Assert.Equal("/hijacked", (await kong.GetAsync("/routes/apps.one.web..80"))["paths"]![0]!.GetValue<string>());

        kong.Sync.ResyncAll(); // as the periodic full reconciliation does
        await Eventually.True(() => kong.History.Reports.Any(r => r.DriftCorrected > 0), "drift corrected");
        var report = kong.History.Reports.First(r => r.DriftCorrected > 0);
        Assert.True(report.Full);
        // The replica's sync state (what the dashboard and the API read) carries the same report.
        await Eventually.True(() => kong.Sync.State.Current.Database?.Reports.Contains(report) == true, "drift report on the sync state");
        Assert.Contains(report.Changes, c => c.Change == DbChangeKind.Updated && c.EntityName == "apps.one.web..80" && c.Drift);
        Assert.Contains(report.Changes, c => c.Change == DbChangeKind.Deleted && c.EntityName == "by-hand" && c.Drift);
        Assert.Equal(paths, (await kong.GetAsync("/routes/apps.one.web..80"))["paths"]!.ToJsonString());
        Assert.Equal(["apps.one.web..80"], kong.RouteNames());
    }

    [Fact]
    public async Task The_periodic_full_reconciliation_runs_without_any_change()
    {
        await using var kong = await DbSyncFixture.StartAsync(fullReconcile: TimeSpan.FromMilliseconds(300));
        kong.Translate(DbSyncFixture.Snapshot("one"));
        await Eventually.True(() => kong.RouteNames().Count == 1 && kong.History.Reports.Any(r => r.Success), "route one");
        var paths = kong.Database.Rows("routes")[0]["paths"]!.ToJsonString();
        Assert.Equal(200, await kong.SendAsync(HttpMethod.Patch, "/routes/apps.one.web..80", """{"paths":["/hijacked"]}"""));
        Assert.NotEqual(paths, kong.Database.Rows("routes")[0]["paths"]!.ToJsonString());
        // The report is recorded after the write that corrects the row: await the report, then read the row.
        await Eventually.True(() => kong.History.Reports.Any(r => r.Full && r.DriftCorrected == 1), "drift corrected by the timer");
        Assert.Equal(paths, kong.Database.Rows("routes")[0]["paths"]!.ToJsonString());
    }

    [Fact]
    public async Task A_write_kong_refuses_is_mapped_to_its_ingress()
    {
        await using var kong = await DbSyncFixture.StartAsync();
        // a route by hand (untagged, so not ours) that holds the name the Ingress's route needs: Kong answers 409
        Assert.Equal(201, await kong.SendAsync(HttpMethod.Post, "/services", """{"name":"squatter","host":"s.internal"}"""));
        Assert.Equal(201, await kong.SendAsync(HttpMethod.Post, "/services/squatter/routes", """{"name":"apps.one.web..80","paths":["/s"]}"""));

        kong.Translate(DbSyncFixture.Snapshot("one"));
        await Eventually.True(() => kong.Sync.State.Current.LastFailed is not null, "a failed sync");
        var failed = kong.Sync.State.Current.LastFailed!;
        var rejection = Assert.Single(failed.Rejections);
        Assert.Equal("one", rejection.Object?.Name);
        Assert.Equal("Ingress", rejection.Object?.Kind);
        Assert.Contains("HTTP status 409", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("UNIQUE violation detected on '{name=\"apps.one.web..80\"}'", rejection.Message, StringComparison.Ordinal);
        output.WriteLine(rejection.Message);
    }
}
