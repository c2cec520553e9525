using System.Collections.Immutable;
using System.Diagnostics;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Translation;
using KongDashboard.EmbeddedCluster.KongGateway;
using Xunit.Abstractions;

namespace KongDashboard.Core.Tests.Sync;

/// <summary>
/// A configuration Kong rejects, seen by several gateways at once and then again after a change that does not alter
/// the output: one fallback computation, and a gateway that comes back empty still gets the fallback.
/// </summary>
public sealed class RejectedConfigurationTests(ITestOutputHelper output)
{
    private static ClusterSnapshot Broken()
    {
        var bad = Objects.Ingress("apps", "bad", path: "/~/(unclosed"); // Kong refuses the invalid regex
        var objects = new List<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>>
        {
            Objects.Service("apps", "web"),
            Objects.Ingress("apps", "good", path: "/good"),
            bad,
        };
        return ClusterSnapshotBuilder.From(objects, out _);
    }

    private static void Push(GatewayFixture fixture, ClusterSnapshot snapshot) =>
        fixture.Sync.OnTranslation(snapshot, new Translator(new TranslatorOptions()).Translate(snapshot));

    private static bool Serves(EmbeddedKongGateway gateway, string routeName) =>
        gateway.CurrentConfiguration?.ToJsonString().Contains($"\"{routeName}\"", StringComparison.Ordinal) == true;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_gateway_that_restarts_after_the_same_rejected_configuration_comes_again_gets_the_fallback(int gateways)
    {
        var listener = new CountingListener();
        await using var fixture = await GatewayFixture.StartAsync(gateways, listener: listener);

        var first = Broken();
        Push(fixture, first);
        await Eventually.True(() => fixture.Sync.State.Current is { Desired.Kind: PayloadKind.Fallback } s && s.InSync == gateways, "the fallback on every gateway");
        Assert.All(fixture.Gateways, g => Assert.True(Serves(g, "apps.good.web..80")));
        Assert.All(fixture.Gateways, g => Assert.False(Serves(g, "apps.bad.web..80")));
        var fallback = fixture.Sync.State.Current.Desired!;
        var rejectedSha = fixture.Sync.State.Current.LastFailed!.Payload.Sha;
        output.WriteLine($"{listener.Rejections} rejection(s) of the full configuration, {listener.Fallbacks} fallback computation(s)");
        Assert.True(listener.Rejections >= 1);
        Assert.Equal(1, listener.Fallbacks); // one per rejected configuration, however many gateways refused it

        // A label on the broken Ingress: a new snapshot, the same output, the same rejected SHA.
        var labelled = Objects.Ingress("apps", "bad", path: "/~/(unclosed");
        labelled.Metadata.Uid = first.Ingresses.Get("apps", "bad")!.Metadata.Uid;
        labelled.Metadata.Labels = new Dictionary<string, string> { ["team"] = "blue" };
        var relabelled = first.With(WatchedKinds.Ingresses, first.Ingresses.Set(labelled));
        Assert.Equal(rejectedSha, ConfigPayload.Of(new Translator(new TranslatorOptions()).Translate(relabelled).Config, PayloadKind.Full, 0).Sha);
        Push(fixture, relabelled);

        var restarted = fixture.Gateways[0];
        var clock = Stopwatch.StartNew();
        restarted.Restart();
        Assert.False(Serves(restarted, "apps.good.web..80")); // positive control: the restart did empty it
        await Eventually.True(() => Serves(restarted, "apps.good.web..80"), "the restarted gateway serves the fallback again");
        output.WriteLine($"restart -> fallback served in {clock.ElapsedMilliseconds} ms (status interval 100 ms)");

        await Eventually.True(() => fixture.Sync.State.Current.InSync == gateways, "every gateway in sync");
        Assert.Equal(fallback.Sha, fixture.Sync.State.Current.Desired!.Sha);
        Assert.Equal(1, listener.Fallbacks);
        Assert.False(Serves(restarted, "apps.bad.web..80"));
    }

    [Fact]
    public async Task Fixing_the_broken_object_replaces_the_fallback()
    {
        await using var fixture = await GatewayFixture.StartAsync(2);
        Push(fixture, Broken());
        await Eventually.True(() => fixture.Sync.State.Current is { Desired.Kind: PayloadKind.Fallback, InSync: 2 }, "fallback");

        var snapshot = Broken();
        snapshot = snapshot.With(WatchedKinds.Ingresses, snapshot.Ingresses.Set(Objects.Ingress("apps", "bad", path: "/fixed")));
        Push(fixture, snapshot);

        await Eventually.True(() => fixture.Gateways.All(g => Serves(g, "apps.bad.web..80")), "the fixed Ingress live");
        Assert.Equal(PayloadKind.Full, fixture.Sync.State.Current.Desired!.Kind);
    }

    private sealed class CountingListener : ISyncListener
    {
        private int _rejections;
        private int _fallbacks;

        public int Rejections => Volatile.Read(ref _rejections);

        public int Fallbacks => Volatile.Read(ref _fallbacks);

        public void PushCompleted(GatewayEndpoint gateway, PushRecord record)
        {
        }

        public void ConfigRejected(GatewayEndpoint gateway, ConfigPayload payload, ImmutableArray<KongRejection> rejections) =>
            Interlocked.Increment(ref _rejections);

        public void FallbackTriggered(FallbackReport report) => Interlocked.Increment(ref _fallbacks);
    }
}
