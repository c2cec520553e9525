using KongDashboard.Core.Controller;
using KongDashboard.Core.Status;
using KongDashboard.Core.Sync;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>The status model's Kong side (Core/Status): one state per object from the translation and the sync state.</summary>
public sealed class ObjectStatusTests
{
    private static readonly TranslationRow Echo = Ingress("default", "echo");
    private static readonly TranslationRow Shop = Ingress("shop", "storefront");
    private static readonly TranslationRow Legacy = Ingress("legacy", "old", TranslationOutcome.Ignored);

    private static readonly ConfigPayload Full = Payload(Config(Echo, Shop));

    private static SyncState AllInSync(ConfigPayload desired) => Sync(desired,
        Gateway("gw-a", "10.0.0.1", GatewaySyncState.InSync, desired),
        Gateway("gw-b", "10.0.0.2", GatewaySyncState.InSync, desired));

    private static ObjectStatus Evaluate(SyncState sync, TranslationRow row) =>
        StatusBoard.Compute([.. TranslatedObjects.FromRows([Echo, Shop, Legacy])], sync).Get("Ingress", row.Key.Namespace, row.Key.Name)!;

    private static ObjectState StatusOf(SyncState sync, TranslationRow row) => Evaluate(sync, row).State;

    [Fact]
    public void Applied_when_every_gateway_serves_the_desired_configuration_with_its_routes()
    {
        var result = Evaluate(AllInSync(Full), Echo);

        Assert.Equal(ObjectState.Applied, result.State);
        Assert.Contains(Full.ShortSha, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_while_one_gateway_is_not_in_sync_on_the_desired_sha()
    {
        var sync = Sync(Full,
            Gateway("gw-a", "10.0.0.1", GatewaySyncState.InSync, Full),
            Gateway("gw-b", "10.0.0.2", GatewaySyncState.OutOfSync, null));

        var result = Evaluate(sync, Echo);

        Assert.Equal(ObjectState.Pending, result.State);
        Assert.Contains("1 of 2 gateways", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_when_its_routes_are_not_in_the_desired_configuration_yet()
    {
        var older = Payload(Config(Echo));

        Assert.Equal(ObjectState.Pending, StatusOf(AllInSync(older), Shop));
        Assert.Equal(ObjectState.Applied, StatusOf(AllInSync(older), Echo));
    }

    [Fact]
    public void Pending_without_gateways_or_without_a_configuration()
    {
        Assert.Equal(ObjectState.Pending, StatusOf(Sync(Full), Echo));
        Assert.Equal(ObjectState.Pending, StatusOf(Sync(null), Echo));
    }

    [Fact]
    public void Rejected_when_kong_named_it_in_the_rejection_of_the_desired_configuration()
    {
        var rejection = new KongRejection("route", "shop.storefront.00", "invalid paths: must start with /", IngressRef("shop", "storefront"));
        var sync = AllInSync(Full) with { LastFailed = new FailedConfig(Full, "http://10.0.0.1:8001", Now, [rejection], null) };

        var result = Evaluate(sync, Shop);

        Assert.Equal(ObjectState.RejectedByKong, result.State);
        Assert.Equal("Kong rejected it: invalid paths: must start with /", result.Reason);
        Assert.Equal("invalid paths: must start with /", Assert.Single(result.Messages));
        Assert.Equal("Rejected by Kong", result.Label);
        Assert.NotEqual(ObjectState.RejectedByKong, StatusOf(sync, Echo));
    }

    [Fact]
    public void A_rejection_stays_current_while_the_last_good_configuration_is_pushed_instead()
    {
        var rejected = Payload(Config(Echo, Shop), generation: 2);
        var lastGood = Payload(Config(Echo)) with { Kind = PayloadKind.LastGood };
        var rejection = new KongRejection("route", null, "bad", IngressRef("shop", "storefront"));
        var sync = AllInSync(lastGood) with { LastFailed = new FailedConfig(rejected, "gw", Now, [rejection], null) };

        Assert.Equal(ObjectState.RejectedByKong, StatusOf(sync, Shop));
        Assert.Equal(ObjectState.Applied, StatusOf(sync, Echo));
    }

    [Fact]
    public void A_rejection_of_an_older_full_configuration_no_longer_counts()
    {
        var rejected = Payload(Config(Shop), generation: 1);
        var rejection = new KongRejection("route", null, "bad", IngressRef("shop", "storefront"));
        var sync = AllInSync(Full) with { LastFailed = new FailedConfig(rejected, "gw", Now, [rejection], null) };

        Assert.Equal(ObjectState.Applied, StatusOf(sync, Shop));
    }

    [Fact]
    public void Excluded_while_the_fallback_configuration_leaves_it_out()
    {
        var fallback = Payload(Config(Echo), PayloadKind.Fallback, 3);
        var report = new FallbackReport(true, Now, [new("", "v1", "Service", "shop", "storefront-svc", "uid-svc")], [IngressRef("shop", "storefront")]);
        var sync = AllInSync(fallback) with { Fallback = report };

        Assert.Equal(ObjectState.RejectedByKong, StatusOf(sync, Shop));
        Assert.Equal(ObjectState.Applied, StatusOf(sync, Echo));
    }

    [Fact]
    public void An_old_fallback_report_does_not_exclude_once_a_full_configuration_is_pushed()
    {
        var report = new FallbackReport(true, Now, [], [IngressRef("shop", "storefront")]);

        Assert.Equal(ObjectState.Applied, StatusOf(AllInSync(Full) with { Fallback = report }, Shop));
    }

    [Fact]
    public void Pending_with_no_leader_on_a_replica_that_does_not_push_and_knows_no_push()
    {
        var sync = Sync(Full, Gateway("gw-a", "10.0.0.1", GatewaySyncState.OutOfSync, null)) with { Enabled = false, DisabledReason = "Observer role" };

        var result = Evaluate(sync, Echo);

        Assert.Equal(ObjectState.Pending, result.State);
        Assert.Contains("no leader has pushed it (Observer role)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_that_does_not_push_still_shows_applied_when_the_gateways_serve_its_configuration()
    {
        var sync = AllInSync(Full) with { Enabled = false, DisabledReason = "not leading" };

        var result = Evaluate(sync, Echo);

        Assert.Equal(ObjectState.Applied, result.State);
        Assert.Equal("Applied (2 of 2 gateways)", result.Label);
    }

    [Fact]
    public void A_translation_failure_is_the_state_and_counts_agree_with_the_states()
    {
        var broken = Ingress("shop", "broken", TranslationOutcome.Failed, messages: "invalid regex");
        var rejection = new KongRejection("route", null, "bad", IngressRef("shop", "storefront"));
        var sync = AllInSync(Full) with { LastFailed = new FailedConfig(Full, "gw", Now, [rejection], null) };

        var board = StatusBoard.Compute([.. TranslatedObjects.FromRows([Echo, Shop, Legacy, broken])], sync);

        Assert.Equal(ObjectState.FailedToTranslate, board.Get("Ingress", "shop", "broken")!.State);
        Assert.Equal("invalid regex", board.Get("Ingress", "shop", "broken")!.Reason);
        Assert.Equal(new StatusCounts(4, 1, 1, 0, 1, 1), board.Counts);
        Assert.Equal(2, board.Counts.Failed);
        Assert.Equal(board.All.Count(s => s.IsProblem), board.Counts.Failed);
    }

    [Fact]
    public void Nothing_to_apply_for_an_ignored_ingress()
    {
        Assert.Equal(ObjectState.NotForThisController, StatusOf(AllInSync(Full), Legacy));
    }
}
