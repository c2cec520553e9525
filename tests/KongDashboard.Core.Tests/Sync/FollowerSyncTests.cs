using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Translation;
using KongDashboard.EmbeddedCluster.KongGateway;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Core.Tests.Sync;

/// <summary>
/// A replica that does not push judges each gateway against what the leader published (ConfigMap kong-dashboard-sync):
/// a leader ConfigSync and a follower ConfigSync on the same embedded Kong Admin APIs over real HTTP.
/// </summary>
public sealed class FollowerSyncTests
{
    private static ClusterSnapshot Snapshot(params string[] ingressNames)
    {
        var objects = new List<k8s.IKubernetesObject<V1ObjectMeta>> { Objects.Service("apps", "web") };
        objects.AddRange(ingressNames.Select(n => Objects.Ingress("apps", n, path: "/" + n)));
        return ClusterSnapshotBuilder.From(objects, out _);
    }

    private static void Translate(ConfigSync sync, ClusterSnapshot snapshot) =>
        sync.OnTranslation(snapshot, new Translator(new TranslatorOptions()).Translate(snapshot));

    /// <summary>What a follower reads: the leader's state written to the ConfigMap's data and parsed back.</summary>
    private static LeaderPushes? Published(ConfigSync leader) =>
        LeaderPushes.Read(new V1ConfigMap
        {
            Data = new Dictionary<string, string> { [LeaderPushes.DataKey] = LeaderPushes.From("leader-0", leader.State.Current).ToJson() },
        });

    private static async Task<ConfigSync> StartFollowerAsync(GatewayFixture fixture)
    {
        var options = new KongSyncOptions
        {
            AdminUrls = fixture.Gateways.Select(g => g.AdminAddress.ToString()).ToList(),
            StatusInterval = TimeSpan.FromMilliseconds(100),
            UserAgentComment = () => "instance=follower-1",
        };
        var follower = new ConfigSync(options, new TranslatorOptions(), NullLoggerFactory.Instance);
        follower.SetEnabled(false, "not leading");
        await follower.OnSnapshotAsync(ClusterSnapshot.Empty);
        return follower;
    }

    private static int PostsBy(EmbeddedKongGateway gateway, string instance) =>
        gateway.PushLog.Entries.Count(e => e.UserAgent?.Contains($"instance={instance}", StringComparison.Ordinal) == true);

    [Fact]
    public async Task A_follower_shows_in_sync_only_once_the_leader_published_its_push_and_never_posts()
    {
        await using var fixture = await GatewayFixture.StartAsync(2);
        await using var follower = await StartFollowerAsync(fixture);
        var snapshot = Snapshot("one");
        Translate(follower, snapshot);

        // Before the leader pushed: the follower reads every gateway, and none is In sync.
        follower.OnLeaderPushes(Published(fixture.Sync));
        await Eventually.True(() => follower.State.Current.Gateways.All(g => g.Reachable), "the follower reads /status");
        Assert.All(follower.State.Current.Gateways, g => Assert.Equal(GatewaySyncState.Pending, g.State));
        Assert.All(follower.State.Current.Gateways, g => Assert.Null(g.LastPush));

        Translate(fixture.Sync, snapshot);
        await Eventually.True(() => fixture.Sync.State.Current.InSync == 2, "the leader pushed to both gateways");
        Assert.Equal(fixture.Sync.State.Current.Desired!.Sha, follower.State.Current.Desired!.Sha); // same translation

        follower.OnLeaderPushes(Published(fixture.Sync));
        await Eventually.True(() => follower.State.Current.InSync == 2, "the follower sees both gateways In sync");
        foreach (var gateway in follower.State.Current.Gateways)
        {
            var leaders = fixture.Sync.State.Current.Gateways.Single(g => g.Id == gateway.Id).LastPush!;
            Assert.Equal("leader-0", gateway.LastPush!.PushedBy);
            Assert.Equal(leaders.At, gateway.LastPush.At);
            Assert.Equal(leaders.Sha, gateway.AppliedSha);
        }

        Assert.Equal("leader-0", follower.State.Current.Leader?.Leader);
        Assert.All(fixture.Gateways, g => Assert.True(g.PushLog.Entries.Count > 0)); // positive control: POSTs are counted
        Assert.All(fixture.Gateways, g => Assert.Equal(0, PostsBy(g, "follower-1")));
    }

    [Fact]
    public async Task A_gateway_that_lost_the_leaders_configuration_is_out_of_sync_on_the_follower()
    {
        await using var fixture = await GatewayFixture.StartAsync(1);
        await using var follower = await StartFollowerAsync(fixture);
        var snapshot = Snapshot("one");
        Translate(fixture.Sync, snapshot);
        Translate(follower, snapshot);
        await Eventually.True(() => fixture.Sync.State.Current.InSync == 1, "the leader pushed");
        var published = Published(fixture.Sync);
        fixture.Sync.SetEnabled(false, "stepped down"); // nothing re-pushes after the restart
        follower.OnLeaderPushes(published);
        await Eventually.True(() => follower.State.Current.InSync == 1, "In sync with the leader's push");

        fixture.Gateways[0].Restart(); // empty configuration, another hash than the leader saw
        await Eventually.True(() => follower.State.Current.Gateways[0].State == GatewaySyncState.OutOfSync, "Out of sync after the restart");
        Assert.Equal(0, PostsBy(fixture.Gateways[0], "follower-1"));
    }

    private static ClusterSnapshot Broken() => ClusterSnapshotBuilder.From(
    [
        Objects.Service("apps", "web"),
        Objects.Ingress("apps", "good", path: "/good"),
        Objects.Ingress("apps", "bad", path: "/~/(unclosed"), // Kong refuses the invalid regex
    ], out _);

    [Fact]
    public async Task The_leaders_rejected_push_is_rejected_on_the_follower()
    {
        var kong = await EmbeddedKongGateway.StartAsync(new KongGatewayOptions());
        await using var _ = kong;
        var options = new KongSyncOptions { AdminUrls = [kong.AdminAddress.ToString()], StatusInterval = TimeSpan.FromMilliseconds(100), FallbackConfiguration = false };
        await using var leader = new ConfigSync(options, new TranslatorOptions(), NullLoggerFactory.Instance);
        leader.SetEnabled(true);
        await leader.OnSnapshotAsync(ClusterSnapshot.Empty);
        await using var follower = new ConfigSync(options with { UserAgentComment = () => "instance=follower-1" }, new TranslatorOptions(), NullLoggerFactory.Instance);
        follower.SetEnabled(false, "not leading");
        await follower.OnSnapshotAsync(ClusterSnapshot.Empty);

        var snapshot = Broken();
        Translate(leader, snapshot);
        Translate(follower, snapshot);
        // No fallback and nothing known to be good: the leader keeps the rejected configuration and says so.
        await Eventually.True(() => leader.State.Current.Gateways[0].State == GatewaySyncState.Rejected, "Rejected on the leader");
        follower.OnLeaderPushes(Published(leader));
        await Eventually.True(() => follower.State.Current.Gateways[0].State == GatewaySyncState.Rejected, "Rejected on the follower");
        var push = follower.State.Current.Gateways[0].LastPush!;
        Assert.Equal(400, push.StatusCode);
        Assert.Equal("leader-0", push.PushedBy);
        Assert.Contains(push.Rejections, r => r.Message.Contains("regex", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, PostsBy(kong, "follower-1"));
    }

    [Fact]
    public async Task After_a_fallback_the_follower_judges_its_translation_by_the_configuration_the_leader_pushes_for_it()
    {
        await using var fixture = await GatewayFixture.StartAsync(2);
        await using var follower = await StartFollowerAsync(fixture);
        var snapshot = Broken();
        Translate(fixture.Sync, snapshot);
        Translate(follower, snapshot);
        await Eventually.True(() => fixture.Sync.State.Current is { Desired.Kind: PayloadKind.Fallback } s && s.InSync == 2, "the fallback on every gateway");
        Assert.NotEqual(fixture.Sync.State.Current.Desired!.Sha, follower.State.Current.Desired!.Sha); // the follower translated the full one

        follower.OnLeaderPushes(Published(fixture.Sync));
        await Eventually.True(() => follower.State.Current.InSync == 2, "In sync with the leader's fallback");
        Assert.All(follower.State.Current.Gateways, g => Assert.Equal(fixture.Sync.State.Current.Desired!.Sha, g.AppliedSha));
    }

    [Fact]
    public void The_leaders_configmap_is_not_a_translation_input_but_other_configmaps_are()
    {
        var before = ClusterSnapshotBuilder.From([Objects.Service("apps", "web")], out _);
        var ours = WatchedKinds.ConfigMaps.With(before, before.ConfigMaps.Set(ConfigMap("kong", LeaderPushes.ConfigMapName)));
        var other = WatchedKinds.ConfigMaps.With(ours, ours.ConfigMaps.Set(ConfigMap("kong", "plugin-ca")));

        Assert.False(ReferenceEquals(before.ConfigMaps, ours.ConfigMaps));
        Assert.True(before.SameTranslationInputs(ours));
        Assert.False(ours.SameTranslationInputs(other)); // positive control: any other ConfigMap is an input
    }

    private static V1ConfigMap ConfigMap(string ns, string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = Guid.NewGuid().ToString() },
        Data = new Dictionary<string, string> { ["k"] = "v" },
    };
}
