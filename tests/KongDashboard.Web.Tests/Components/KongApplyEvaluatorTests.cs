using KongDashboard.Components.Sync;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

public sealed class KongApplyEvaluatorTests
{
    private static readonly IngressRow Echo = Ingress("default", "echo");
    private static readonly IngressRow Shop = Ingress("shop", "storefront");
    private static readonly IngressRow Legacy = Ingress("legacy", "old", IngressStatus.Ignored);

    private static readonly ConfigPayload Full = Payload(Config(Echo, Shop));

    private static SyncState AllInSync(ConfigPayload desired) => Sync(desired,
        Gateway("gw-a", "10.0.0.1", GatewaySyncState.InSync, desired),
        Gateway("gw-b", "10.0.0.2", GatewaySyncState.InSync, desired));

    private static KongApply StatusOf(SyncState sync, IngressRow row) => new KongApplyEvaluator(sync).Evaluate(row).Status;

    [Fact]
    public void Applied_when_every_gateway_serves_the_desired_configuration_with_its_routes()
    {
        var result = new KongApplyEvaluator(AllInSync(Full)).Evaluate(Echo);

        Assert.Equal(KongApply.Applied, result.Status);
        Assert.Contains(Full.ShortSha, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_while_one_gateway_is_not_in_sync_on_the_desired_sha()
    {
        var sync = Sync(Full,
            Gateway("gw-a", "10.0.0.1", GatewaySyncState.InSync, Full),
            Gateway("gw-b", "10.0.0.2", GatewaySyncState.OutOfSync, null));

        var result = new KongApplyEvaluator(sync).Evaluate(Echo);

        Assert.Equal(KongApply.Pending, result.Status);
        Assert.Contains("1/2 gateways", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_when_its_routes_are_not_in_the_desired_configuration_yet()
    {
        var older = Payload(Config(Echo));

        Assert.Equal(KongApply.Pending, StatusOf(AllInSync(older), Shop));
        Assert.Equal(KongApply.Applied, StatusOf(AllInSync(older), Echo));
    }

    [Fact]
    public void Pending_without_gateways_or_without_a_configuration()
    {
        Assert.Equal(KongApply.Pending, StatusOf(Sync(Full), Echo));
        Assert.Equal(KongApply.Pending, StatusOf(Sync(null), Echo));
    }

    [Fact]
    public void Rejected_when_kong_named_it_in_the_rejection_of_the_desired_configuration()
    {
        var rejection = new KongRejection("route", "shop.storefront.00", "invalid paths: must start with /", IngressRef("shop", "storefront"));
        var sync = AllInSync(Full) with { LastFailed = new FailedConfig(Full, "http://10.0.0.1:8001", Now, [rejection], null) };

        var result = new KongApplyEvaluator(sync).Evaluate(Shop);

        Assert.Equal(KongApply.Rejected, result.Status);
        Assert.Equal("invalid paths: must start with /", result.Reason);
        Assert.Equal("Rejected by Kong", result.Label);
        Assert.NotEqual(KongApply.Rejected, StatusOf(sync, Echo));
    }

    [Fact]
    public void A_rejection_stays_current_while_the_last_good_configuration_is_pushed_instead()
    {
        var rejected = Payload(Config(Echo, Shop), generation: 2);
        var lastGood = Payload(Config(Echo)) with { Kind = PayloadKind.LastGood };
        var rejection = new KongRejection("route", null, "bad", IngressRef("shop", "storefront"));
        var sync = AllInSync(lastGood) with { LastFailed = new FailedConfig(rejected, "gw", Now, [rejection], null) };

        Assert.Equal(KongApply.Rejected, StatusOf(sync, Shop));
        Assert.Equal(KongApply.Applied, StatusOf(sync, Echo));
    }

    [Fact]
    public void A_rejection_of_an_older_full_configuration_no_longer_counts()
    {
        var rejected = Payload(Config(Shop), generation: 1);
        var rejection = new KongRejection("route", null, "bad", IngressRef("shop", "storefront"));
        var sync = AllInSync(Full) with { LastFailed = new FailedConfig(rejected, "gw", Now, [rejection], null) };

        Assert.Equal(KongApply.Applied, StatusOf(sync, Shop));
    }

    [Fact]
    public void Excluded_while_the_fallback_configuration_leaves_it_out()
    {
        var fallback = Payload(Config(Echo), PayloadKind.Fallback, 3);
        var report = new FallbackReport(true, Now, [new("", "v1", "Service", "shop", "storefront-svc", "uid-svc")], [IngressRef("shop", "storefront")]);
        var sync = AllInSync(fallback) with { Fallback = report };

        Assert.Equal(KongApply.Excluded, StatusOf(sync, Shop));
        Assert.Equal(KongApply.Applied, StatusOf(sync, Echo));
    }

    [Fact]
    public void An_old_fallback_report_does_not_exclude_once_a_full_configuration_is_pushed()
    {
        var report = new FallbackReport(true, Now, [], [IngressRef("shop", "storefront")]);

        Assert.Equal(KongApply.Applied, StatusOf(AllInSync(Full) with { Fallback = report }, Shop));
    }

    [Fact]
    public void Not_pushed_on_a_replica_that_does_not_push()
    {
        var sync = AllInSync(Full) with { Enabled = false, DisabledReason = "Observer role" };

        var result = new KongApplyEvaluator(sync).Evaluate(Echo);

        Assert.Equal(KongApply.NotPushed, result.Status);
        Assert.Contains("Observer role", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_apply_for_an_ignored_ingress()
    {
        Assert.Equal(KongApply.None, StatusOf(AllInSync(Full), Legacy));
    }
}
