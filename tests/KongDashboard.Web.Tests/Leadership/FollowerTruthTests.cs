using System.Security.Claims;
using System.Text.Json;
using k8s;
using KongDashboard.Actions;
using KongDashboard.Audit;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Status;
using KongDashboard.Core.Sync;
using KongDashboard.Hosting;
using KongDashboard.Security;
using KongDashboard.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;

namespace KongDashboard.Web.Tests.Leadership;

/// <summary>
/// The embedded demo (three controller replicas, two Kong gateways): the replica the dashboard follows does not lead,
/// yet its /api/v1/gateways shows each gateway In sync with the leader's last push — and it never POSTs /config, and
/// the leader writes nothing while the cluster is idle.
/// </summary>
public sealed class FollowerTruthTests
{
    [Fact]
    public async Task A_followers_api_shows_the_gateways_in_sync_with_the_leaders_last_push()
    {
        await using var app = new DashboardAppFactory();
        var root = app.RootUri;
        var host = app.Services.GetRequiredService<ControllerHost>();
        var fleet = app.Services.EmbeddedServer().KongGateways!;
        var (local, leader) = await FollowerAndLeaderAsync(app, host);
        Assert.NotEqual(local.InstanceId, leader.InstanceId);

        // The follower's own state: every gateway In sync, with the leader's push (who, when) beside it.
        await Eventually.HoldsAsync(() =>
        {
            var sync = local.State.Current.Sync;
            Assert.False(sync.Enabled);
            Assert.Equal(fleet.Gateways.Count, sync.Gateways.Length);
            Assert.All(sync.Gateways, g => Assert.Equal(GatewaySyncState.InSync, g.State));
            Assert.All(sync.Gateways, g => Assert.Equal(leader.InstanceId, g.LastPush?.PushedBy));
            return Task.CompletedTask;
        }, 30_000);

        // The same through the API the portal reads, matching the leader's own last push per gateway.
        using var http = new HttpClient { BaseAddress = new Uri(root) };
        await Eventually.HoldsAsync(async () =>
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync("api/v1/gateways"));
            var body = json.RootElement;
            Assert.False(body.GetProperty("enabled").GetBoolean()); // it is a follower
            Assert.Equal(leader.InstanceId, body.GetProperty("leader").GetString());
            var gateways = body.GetProperty("gateways").EnumerateArray().ToList();
            Assert.Equal(fleet.Gateways.Count, gateways.Count);
            foreach (var gateway in gateways)
            {
                Assert.Equal("InSync", gateway.GetProperty("state").GetString());
                var push = gateway.GetProperty("lastPush");
                Assert.Equal(leader.InstanceId, push.GetProperty("pushedBy").GetString());
                Assert.True(push.GetProperty("success").GetBoolean());
                var leaders = leader.State.Current.Sync.Gateways.Single(g => g.Id == gateway.GetProperty("id").GetString()).LastPush!;
                Assert.Equal(leaders.At, push.GetProperty("at").GetDateTimeOffset());
            }
        }, 30_000);

        // Idle: the follower keeps polling /status (read-only), nobody POSTs, the ConfigMap is not rewritten.
        var client = await host.ClientAsync();
        var map = await client.CoreV1.ReadNamespacedConfigMapAsync(LeaderPushes.ConfigMapName, EmbeddedReplicas.Namespace);
        Assert.Contains(leader.InstanceId, map.Data[LeaderPushes.DataKey], StringComparison.Ordinal); // positive control: it was written
        var writes = leader.PushWriter!.Writes;
        Assert.True(writes > 0);
        var leaderPosts = PostsBy(fleet, leader.InstanceId);
        Assert.True(leaderPosts > 0, "the leader's POSTs are counted at the embedded Kong");
        var followerPosts = PostsBy(fleet, local.InstanceId);
        var seen = local.State.Current.Sync.Gateways[0];
        var since = seen.LastSeenAt!.Value;
        await Eventually.HoldsAsync(() =>
        {
            Assert.True(seen.LastSeenAt >= since + TimeSpan.FromSeconds(3), "the follower read /status for 3 s more");
            return Task.CompletedTask;
        }, 30_000);

        var after = await client.CoreV1.ReadNamespacedConfigMapAsync(LeaderPushes.ConfigMapName, EmbeddedReplicas.Namespace);
        Assert.Equal(map.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal(writes, leader.PushWriter.Writes);
        Assert.Equal(followerPosts, PostsBy(fleet, local.InstanceId));
        Assert.All(local.State.Current.Sync.Gateways, g => Assert.Equal(GatewaySyncState.InSync, g.State));
    }

    [Fact]
    public async Task A_follower_shows_a_kong_rejected_ingress_and_the_fallbacks_applied_counts_as_the_leader_does()
    {
        await using var app = new DashboardAppFactory();
        var host = app.Services.GetRequiredService<ControllerHost>();
        var (local, leader) = await FollowerAndLeaderAsync(app, host);

        // A path Kong's router refuses (an unbalanced regex group) beside a good Ingress.
        var client = await host.ClientAsync();
        var u = Guid.NewGuid().ToString("N")[..8];
        var bad = Browser.TestIngresses.Storefront($"bad-{u}");
        bad.Spec.Rules[0].Http.Paths[0].Path = "/~(";
        bad.Spec.Rules[0].Http.Paths[0].PathType = "ImplementationSpecific";
        await client.NetworkingV1.CreateNamespacedIngressAsync(bad, "shop");
        await client.NetworkingV1.CreateNamespacedIngressAsync(Browser.TestIngresses.Storefront($"good-{u}"), "shop");

        // On the leader (positive control): rejected by Kong, and the fallback serves the good one on every gateway.
        await Eventually.HoldsAsync(() =>
        {
            var board = leader.State.Current.Status;
            Assert.Equal(ObjectState.RejectedByKong, board.Get("Ingress", "shop", $"bad-{u}")?.State);
            var good = board.Get("Ingress", "shop", $"good-{u}");
            Assert.Equal(ObjectState.Applied, good?.State);
            Assert.True(good!.AppliedOn == good.Gateways && good.Gateways > 0, good.Label);
            return Task.CompletedTask;
        }, 30_000);

        // On the follower: the same states, reasons and counts, read from what the leader published.
        await Eventually.HoldsAsync(() =>
        {
            Assert.False(local.State.Current.Sync.Enabled);
            var mine = local.State.Current.Status;
            var theirs = leader.State.Current.Status;
            foreach (var name in new[] { $"bad-{u}", $"good-{u}" })
            {
                var expected = theirs.Get("Ingress", "shop", name)!;
                var actual = mine.Get("Ingress", "shop", name);
                Assert.NotNull(actual);
                Assert.Equal((expected.State, expected.Reason, expected.AppliedOn, expected.Gateways), (actual.State, actual.Reason, actual.AppliedOn, actual.Gateways));
            }

            Assert.Equal(theirs.Counts, mine.Counts);
            return Task.CompletedTask;
        }, 30_000);
    }

    private static int PostsBy(KongDashboard.EmbeddedCluster.KongGateway.KongGatewayFleet fleet, string instance) =>
        fleet.Gateways.Values.Sum(g => g.PushLog.Entries.Count(e => e.UserAgent?.Contains($"instance={instance};", StringComparison.Ordinal) == true));

    /// <summary>The demo's three replicas up with one leader, the dashboard's own replica (returned first) following.</summary>
    private static async Task<(ControllerInstance Local, ControllerInstance Leader)> FollowerAndLeaderAsync(DashboardAppFactory app, ControllerHost host)
    {
        await Eventually.HoldsAsync(() =>
        {
            Assert.Equal(3, host.AllInstances.Count);
            Assert.Single(host.AllInstances, i => i.Elector?.IsLeader == true);
            Assert.NotNull(host.Instance);
            return Task.CompletedTask;
        }, 60_000);

        var local = host.Instance!;
        await MakeAnotherReplicaLeadAsync(app, host);
        return (local, host.AllInstances.Single(i => i.Elector!.IsLeader));
    }

    /// <summary>The dashboard's replica must follow: when it leads, hand the Lease to another replica.</summary>
    private static async Task MakeAnotherReplicaLeadAsync(DashboardAppFactory app, ControllerHost host)
    {
        var local = host.Instance!;
        if (local.Elector?.IsLeader == true)
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<ActionCaller>().Set(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "follower test"), new Claim(ClaimTypes.Role, DashboardRoles.Admin)], "test")),
                "127.0.0.1");
            var target = host.AllInstances.First(i => i != local).InstanceId;
            var outcome = await scope.ServiceProvider.GetRequiredService<IDashboardActions>().RunAsync(new HandOffAction(target));
            Assert.True(outcome.Succeeded, outcome.Message);
        }

        await Eventually.HoldsAsync(() =>
        {
            Assert.Single(host.AllInstances, i => i.Elector?.IsLeader == true && i != local);
            return Task.CompletedTask;
        }, 30_000);
    }
}
