using System.Diagnostics;
using KongDashboard.Hosting;
using KongDashboard.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;

namespace KongDashboard.Web.Tests.Hosting;

/// <summary>The demo started in DB mode by its one setting: every Ingress reaches every Kong node, written by the leader alone.</summary>
public sealed class DemoDatabaseModeTests
{
    [Theory]
    [InlineData("Cluster:Embedded:KongDatabase", "postgres")] // the first setting, kept working
    [InlineData("Cluster:Embedded:Topology", "Database")] // the topology setting
    public async Task The_demo_in_db_mode_serves_every_ingress_through_every_node_and_only_the_leader_writes(string setting, string value)
    {
        await using var app = new DashboardAppFactory(new Dictionary<string, string?> { [setting] = value });
        _ = app.RootUri; // starts the app
        var host = app.Services.GetRequiredService<ControllerHost>();
        var fleet = app.Services.GetRequiredService<EmbeddedClusterHosting>().Server.KongGateways!;
        var database = fleet.Database!;

        await Until(() => host.Feed.Current.Sync is { KongDatabase: "postgres", Desired: { } desired } sync
            && sync.Gateways.Length > 0 && sync.Gateways.All(g => g.DatabaseReachable == true && g.DatabasePolling is not null)
            && RouteNames(desired).Count > 0 && RouteNames(desired).IsSubsetOf(database.Rows("routes").Select(r => r["name"]!.GetValue<string>())),
            "every translated route in the shared database");
        var wanted = RouteNames(host.Feed.Current.Sync.Desired!);
        // every node serves it once it polled the database (Cluster:Embedded:KongDbUpdateFrequencySeconds, 1 s)
        await Until(() => fleet.Gateways.Count > 1 && fleet.Gateways.Values.All(g => g.Cache!.IsCurrent), "every Kong node serves the database");
        Assert.All(fleet.Gateways.Values, g => Assert.True(g.Cache!.State.Counts["routes"] >= wanted.Count, $"{g.AdminAddress} serves every route"));

        // one writer: the Lease holder (every write request carries its instance), never POST /config
        // The demo starts its replicas as their pods come up: wait for the followers that must prove silent.
        await Until(() => host.AllInstances.Count > 1, "followers to prove silent");
        var leader = host.AllInstances.Single(i => i.Elector?.IsLeader == true).InstanceId;
        Assert.NotEmpty(database.Writes); // positive control
        Assert.All(database.Writes, w => Assert.Contains($"instance={leader};", w.UserAgent, StringComparison.Ordinal));

        // what /gateways shows per node (the pages render without prerender; DatabaseNodesTests checks their text):
        // the dashboard's replica knows the last write and judges every node to have picked it up
        await Until(() => host.Feed.Current.Sync is { LastDatabaseWrite: { } write } sync
            && sync.Gateways.All(g => Core.Sync.Database.NodePickUp.Judge(g, write, DateTimeOffset.UtcNow).State == Core.Sync.Database.NodePickUpState.PickedUp),
            "every node judged to have picked up the last write");
        Assert.Contains(host.Feed.Current.Sync.LastDatabaseWrite!.Gateway, host.Feed.Current.Sync.Gateways.Select(g => g.Id));
    }

    private static HashSet<string> RouteNames(Core.Sync.ConfigPayload desired) =>
        [.. (desired.Config.Services ?? []).SelectMany(s => s.Routes ?? []).Select(r => r.Name!)];

    private static async Task Until(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
