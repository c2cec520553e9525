using System.Diagnostics;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Tests.Translation;
using KongDashboard.Core.Translation;
using KongDashboard.EmbeddedCluster.KongGateway;
using Xunit.Abstractions;

namespace KongDashboard.Core.Tests.Sync;

/// <summary>Config sync against embedded Kong Admin APIs (Kong 3.9 DB-less semantics) over real HTTP.</summary>
public sealed class ConfigSyncTests(ITestOutputHelper output)
{
    private static ClusterSnapshot Snapshot(params string[] ingressNames)
    {
        var objects = new List<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>> { Objects.Service("apps", "web") };
        objects.AddRange(ingressNames.Select(n => Objects.Ingress("apps", n, path: "/" + n)));
        return ClusterSnapshotBuilder.From(objects, out _);
    }

    private static void Push(GatewayFixture fixture, ClusterSnapshot snapshot) =>
        fixture.Sync.OnTranslation(snapshot, new Translator(new TranslatorOptions()).Translate(snapshot));

    private static bool Serves(EmbeddedKongGateway gateway, string routeName) =>
        gateway.CurrentConfiguration?.ToJsonString().Contains($"\"{routeName}\"", StringComparison.Ordinal) == true;

    [Fact]
    public async Task Every_gateway_gets_each_new_configuration_and_reports_in_sync()
    {
        await using var fixture = await GatewayFixture.StartAsync(3);
        Push(fixture, Snapshot("one"));
        await Eventually.True(() => fixture.Gateways.All(g => Serves(g, "apps.one.web..80")), "all gateways serving route one");
        await Eventually.True(() => fixture.Sync.State.Current.InSync == 3, "three gateways in sync");

        Push(fixture, Snapshot("one", "two"));
        await Eventually.True(() => fixture.Gateways.All(g => Serves(g, "apps.two.web..80")), "all gateways serving route two");
        // The gateway serves the configuration before its push outcome reaches the sync loop (a channel): await the record.
        var desired = fixture.Sync.State.Current.Desired!.Sha;
        var status = await Eventually.Until(() => fixture.StatusOf(fixture.Gateways[0]), s => s.AppliedSha == desired, "gateway 0 recorded as serving the new configuration");
        Assert.Equal(desired, status.AppliedSha);
        Assert.True(status.History.Length >= 2);
    }

    [Fact]
    public async Task An_unchanged_configuration_is_not_pushed_again()
    {
        await using var fixture = await GatewayFixture.StartAsync(1);
        var snapshot = Snapshot("one");
        Push(fixture, snapshot);
        await Eventually.True(() => fixture.Sync.State.Current.InSync == 1, "in sync");
        var pushes = fixture.StatusOf(fixture.Gateways[0]).History.Length;

        // Same objects (same uids, so the same tags), new snapshot: same SHA-256.
        Push(fixture, snapshot with { Version = snapshot.Version + 1 });
        fixture.Sync.ResyncAll();       // a forced resync is the only way to push it again
        await Eventually.True(() => fixture.StatusOf(fixture.Gateways[0]).History.Length == pushes + 1, "exactly one forced push");
        Assert.Equal(pushes + 1, fixture.StatusOf(fixture.Gateways[0]).History.Length);
    }

    [Fact]
    public async Task A_restarted_gateway_is_configured_again_without_any_cluster_change()
    {
        await using var fixture = await GatewayFixture.StartAsync(2);
        Push(fixture, Snapshot("one"));
        await Eventually.True(() => fixture.Gateways.All(g => Serves(g, "apps.one.web..80")), "initial configuration");

        var restarted = fixture.Gateways[1];
        var clock = Stopwatch.StartNew();
        restarted.Restart();
        Assert.Equal(KongNodeStatus.EmptyHash, restarted.ConfigurationHash);
        await Eventually.True(() => Serves(restarted, "apps.one.web..80"), "the restarted gateway re-configured");
        output.WriteLine($"restart -> re-configured in {clock.ElapsedMilliseconds} ms (status interval 100 ms)");
    }

    [Fact]
    public async Task A_slow_gateway_does_not_delay_the_others()
    {
        await using var fixture = await GatewayFixture.StartAsync(2, delay: i => i == 0 ? TimeSpan.FromSeconds(20) : null);
        Push(fixture, Snapshot("one"));
        await Eventually.True(() => Serves(fixture.Gateways[1], "apps.one.web..80"), "the fast gateway configured", TimeSpan.FromSeconds(5));
        Assert.False(Serves(fixture.Gateways[0], "apps.one.web..80"));
    }

    [Fact]
    public async Task A_gateway_that_was_down_is_configured_once_it_answers()
    {
        await using var fixture = await GatewayFixture.StartAsync(1);
        var address = fixture.Gateways[0].AdminAddress;
        await fixture.Gateways[0].DisposeAsync();
        fixture.Gateways.Clear();
        Push(fixture, Snapshot("one"));
        await Eventually.True(() => fixture.Sync.State.Current.Gateways.Single().State == GatewaySyncState.Unreachable, "unreachable");

        var revived = await EmbeddedKongGateway.StartAsync(new KongGatewayOptions { Address = System.Net.IPAddress.Parse(address.Host), Port = address.Port });
        fixture.Gateways.Add(revived);
        await Eventually.True(() => Serves(revived, "apps.one.web..80"), "configured after coming back");
        await Eventually.True(() => fixture.Sync.State.Current.InSync == 1, "in sync");
    }

    [Fact]
    public async Task A_broken_ingress_never_takes_the_good_routes_away()
    {
        await using var fixture = await GatewayFixture.StartAsync(2);
        Push(fixture, Snapshot("good"));
        await Eventually.True(() => fixture.Gateways.All(g => Serves(g, "apps.good.web..80")), "good route live");

        // An invalid regex path: translation accepts it (KIC does too), Kong rejects it.
        var snapshot = Snapshot("good", "other");
        snapshot = snapshot.With(WatchedKinds.Ingresses, snapshot.Ingresses.Set(Objects.Ingress("apps", "bad", path: "/~/(unclosed")));
        Push(fixture, snapshot);

        await Eventually.True(() => fixture.Gateways.All(g => Serves(g, "apps.other.web..80")), "the other good route live via fallback");
        var state = fixture.Sync.State.Current;
        Assert.Equal(PayloadKind.Fallback, state.Desired!.Kind);
        Assert.All(fixture.Gateways, g => Assert.True(Serves(g, "apps.good.web..80")));
        Assert.All(fixture.Gateways, g => Assert.False(Serves(g, "apps.bad.web..80")));
        Assert.NotNull(state.LastFailed);
        Assert.Contains(state.LastFailed!.Rejections, r => r.Object?.Name == "bad" && r.Message.Contains("invalid regex", StringComparison.Ordinal));
        Assert.Contains(state.Fallback!.BrokenObjects, o => o.Kind == "Ingress" && o.Name == "bad");
    }

    public static TheoryData<string, string> FallbackCases() => ConformanceTests.FallbackCases();

    /// <summary>
    /// KIC's fallback golden cases through the real push path: the embedded Kong rejects the objects annotated
    /// test.konghq.com/broken on the first push, and the configuration it finally accepts must be the golden one.
    /// Kong's errors name an object only through its k8s-uid tag, so when the broken objects have no uid
    /// (fallback-config-gateway-api) KIC names none, cannot build a fallback, and re-pushes the last valid
    /// configuration it fetched from the gateway at start (kong_client.go: maybeTryRecoveringFromGatewaysSyncError,
    /// sendconfig/inmemory_error_handling.go: parseRawResourceError). As in KIC's golden runner, the gateway then
    /// starts out holding a configuration with no entities of KIC's (the stub upstream of an empty push).
    /// </summary>
    [Theory]
    [MemberData(nameof(FallbackCases))]
    public async Task Fallback_golden_case_through_Kong(string caseName, string variant)
    {
        var snapshot = ConformanceTests.Load(caseName);
        var broken = FallbackSnapshot.AllObjects(snapshot)
            .Where(o => o.Metadata.Annotations?.TryGetValue("test.konghq.com/broken", out var v) == true && v == "true")
            .Select(KubernetesTags.For)
            .ToList();
        var options = ConformanceTests.Options(caseName, variant);
        var named = ConformanceTests.Broken(snapshot).All(o => !string.IsNullOrEmpty(o.Uid));
        var recovery = named ? PayloadKind.Fallback : PayloadKind.LastGood;
        await using var fixture = await GatewayFixture.StartAsync(1, options, broken, preloaded: named ? null : StubConfiguration);

        fixture.Sync.OnTranslation(snapshot, new Translator(options).Translate(snapshot));

        await Eventually.True(() => fixture.Sync.State.Current.Desired?.Kind == recovery && fixture.Sync.State.Current.InSync == 1,
            () => $"the {recovery} configuration accepted (desired {fixture.Sync.State.Current.Desired?.Kind}; pushes: {string.Join(" | ", fixture.StatusOf(fixture.Gateways[0]).History.Select(h => $"{h.Kind} {h.Success} {h.Summary}"))})");
        var accepted = fixture.Gateways[0].CurrentConfiguration!.ToJsonString();
        ConformanceTests.AssertSameYaml(caseName, variant, accepted);
        if (named)
        {
            // Every broken plugin is reported with the objects it was attached to (per-object status reads this).
            var plugins = ConformanceTests.Broken(snapshot).Where(o => o.Kind is "KongPlugin" or "KongClusterPlugin").ToList();
            var reported = fixture.Sync.State.Current.Fallback!.RejectedPlugins;
            Assert.Equal(plugins.Count, reported.Length);
            Assert.All(reported, r => Assert.NotEmpty(r.AttachedTo));
        }
        Assert.Equal(PayloadKind.Full, fixture.StatusOf(fixture.Gateways[0]).History[^1].Kind); // the full one went first and was refused
        Assert.False(fixture.StatusOf(fixture.Gateways[0]).History[^1].Success);
    }

    private const string StubConfiguration = "{\"_format_version\":\"3.0\",\"upstreams\":[{\"name\":\"kong\"}]}";

    [Fact]
    public async Task The_last_valid_configuration_is_fetched_from_the_gateway_and_re_pushed_when_no_broken_object_is_named()
    {
        // A configuration the gateway already held (with a service of its own), and a rejection naming no object.
        const string held = "{\"_format_version\":\"3.0\",\"services\":[{\"name\":\"held\",\"host\":\"held.example\",\"port\":80,\"protocol\":\"http\"}]}";
        var bad = Objects.Ingress("apps", "bad", path: "/~/(unclosed");
        bad.Metadata.Uid = null; // Kong's error then carries no k8s-uid tag, and KIC names no broken object
        var snapshot = Snapshot("good");
        snapshot = snapshot.With(WatchedKinds.Ingresses, snapshot.Ingresses.Set(bad));
        await using var fixture = await GatewayFixture.StartAsync(1, preloaded: held);
        Assert.Contains("held", fixture.Gateways[0].CurrentConfiguration!.ToJsonString(), StringComparison.Ordinal); // positive control

        fixture.Sync.OnTranslation(snapshot, new Translator(new TranslatorOptions()).Translate(snapshot));

        await Eventually.True(() => fixture.Sync.State.Current.LastFailed is not null && fixture.Sync.State.Current.Desired?.Kind == PayloadKind.LastGood
            && fixture.Sync.State.Current.InSync == 1, "the held configuration re-pushed");
        Assert.Equal("held", Assert.Single(fixture.Sync.State.Current.LastGood!.Config.Services!).Name);
        Assert.Null(fixture.Sync.State.Current.Fallback);
    }
}
