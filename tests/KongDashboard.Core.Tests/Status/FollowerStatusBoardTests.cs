using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Status;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Tests.Sync;
using KongDashboard.Core.Translation;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Core.Tests.Status;

/// <summary>
/// A follower's status board equals the leader's after Kong rejected a configuration: the leader publishes the objects
/// Kong's errors named and the objects the fallback left out (ConfigMap kong-dashboard-sync, parsed back here), and
/// the follower maps them onto its own translation. Real KIC translation, two ConfigSyncs, embedded Kong 3.9.
/// </summary>
public sealed class FollowerStatusBoardTests
{
    private static LeaderPushes Published(ConfigSync leader) =>
        LeaderPushes.Read(new V1ConfigMap
        {
            Data = new Dictionary<string, string> { [LeaderPushes.DataKey] = LeaderPushes.From("leader-0", leader.State.Current).ToJson() },
        })!;

    [Fact]
    public async Task A_kong_rejected_ingress_and_the_fallbacks_applied_counts_are_the_same_on_a_follower()
    {
        var bad = Objects.Ingress("apps", "bad", path: "/~(");
        bad.Spec.Rules[0].Http.Paths[0].PathType = "ImplementationSpecific";
        var snapshot = ClusterSnapshotBuilder.From([Objects.Service("apps", "web"), Objects.Ingress("apps", "good", path: "/good"), bad], out _);
        var (translation, result) = new KicSnapshotTranslator(new TranslatorOptions()).Translate(snapshot, 1);
        await using var fixture = await GatewayFixture.StartAsync(2);
        await using var follower = new ConfigSync(new KongSyncOptions
        {
            AdminUrls = fixture.Gateways.Select(g => g.AdminAddress.ToString()).ToList(),
            StatusInterval = TimeSpan.FromMilliseconds(100),
        }, new TranslatorOptions(), NullLoggerFactory.Instance);
        follower.SetEnabled(false, "not leading");
        await follower.OnSnapshotAsync(ClusterSnapshot.Empty);

        fixture.Sync.OnTranslation(snapshot, result);
        follower.OnTranslation(snapshot, result);
        await Eventually.True(() => fixture.Sync.State.Current is { Desired.Kind: PayloadKind.Fallback } s && s.InSync == 2, "the fallback on both gateways");
        var leaderBoard = StatusBoard.Compute(translation.Objects, fixture.Sync.State.Current);
        Assert.Equal(ObjectState.RejectedByKong, leaderBoard.Get("Ingress", "apps", "bad")!.State);

        // Positive control: with only the gateways' states (what the leader published before), the follower cannot tell.
        var published = Published(fixture.Sync);
        follower.OnLeaderPushes(published with { Rejected = [], Excluded = [] });
        await Eventually.True(() => follower.State.Current.InSync == 2, "the follower sees the fallback served");
        var blind = StatusBoard.Compute(translation.Objects, follower.State.Current);
        Assert.NotEqual(ObjectState.RejectedByKong, blind.Get("Ingress", "apps", "bad")!.State);

        follower.OnLeaderPushes(published);
        await Eventually.True(() => follower.State.Current.Leader?.Rejected.Length > 0, "the follower read the rejection");
        var board = StatusBoard.Compute(translation.Objects, follower.State.Current);
        Assert.Equal(leaderBoard.All, board.All, (a, b) => a.Key == b.Key && a.State == b.State && a.Reason == b.Reason
            && a.AppliedOn == b.AppliedOn && a.Gateways == b.Gateways && a.Messages.SequenceEqual(b.Messages));
        Assert.Equal(leaderBoard.Counts, board.Counts);
        Assert.Equal("Applied (2 of 2 gateways)", board.Get("Ingress", "apps", "good")!.Label);
        Assert.Contains("regex", board.Get("Ingress", "apps", "bad")!.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_published_rejection_is_bounded_and_redacted()
    {
        SecretRedactor.Remember(["s3cr3t-token-value"]);
        var objects = Enumerable.Range(0, LeaderPushes.MaxObjects + 25)
            .Select(i => new ObjectRef("networking.k8s.io", "v1", "Ingress", "apps", $"ing-{i:000}")).ToList();
        var payload = ConfigPayload.Of(new KongConfig(), PayloadKind.Full, 1);
        var fallback = ConfigPayload.Of(new KongConfig { Upstreams = [new KongUpstream { Name = "kong" }] }, PayloadKind.Fallback, 2);
        var rejections = objects.Select(o => new KongRejection("route", o.Name, $"invalid regex near s3cr3t-token-value in {o.Name}", o)).ToImmutableArray();
        var sync = SyncState.Empty with
        {
            Enabled = true,
            Desired = fallback,
            LastFailed = new FailedConfig(payload, "gw-0", DateTimeOffset.UnixEpoch, rejections, null),
            Fallback = new FallbackReport(true, DateTimeOffset.UnixEpoch, [.. objects], []),
        };

        var published = LeaderPushes.From("leader-0", sync);
        Assert.Equal(LeaderPushes.MaxObjects, published.Rejected.Length);
        Assert.Equal(LeaderPushes.MaxObjects, published.Excluded.Length);
        Assert.Equal(nameof(PayloadKind.Fallback), published.DesiredKind);
        Assert.All(published.Rejected, o => Assert.DoesNotContain("s3cr3t-token-value", o.Message, StringComparison.Ordinal));
        Assert.Contains(SecretRedactor.Redacted, published.Rejected[0].Message, StringComparison.Ordinal);
        Assert.True(published.ToJson().Length < 64 * 1024, "the ConfigMap value stays small");

        // Not published while the rejection is not current (a newer full configuration is being pushed).
        var newer = ConfigPayload.Of(new KongConfig { Upstreams = [new KongUpstream { Name = "other" }] }, PayloadKind.Full, 3);
        Assert.Empty(LeaderPushes.From("leader-0", sync with { Desired = newer }).Rejected);
    }
}
