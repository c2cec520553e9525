using Bunit;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>The Translation grid's Kong apply status (under each Ingress's status), computed from the sync state.</summary>
public sealed class TranslationKongColumnTests
{
    private static readonly IngressRow Echo = Ingress("default", "echo");
    private static readonly IngressRow Shop = Ingress("shop", "storefront");
    private static readonly IngressRow Legacy = Ingress("legacy", "old", IngressStatus.Ignored);

    private static IReadOnlyList<string?> ApplyStates(IRenderedComponent<Translation> cut) =>
        [.. cut.FindAll("[data-testid=ingress-grid] [data-testid=kong-apply]").Select(e => e.GetAttribute("data-apply"))];

    [Fact]
    public async Task Each_ingress_shows_whether_kong_applied_rejected_or_excluded_it()
    {
        var fallback = Payload(Config(Echo), PayloadKind.Fallback, 6);
        var rejected = Payload(Config(Echo, Shop), generation: 5);
        var sync = Sync(fallback, Gateway("kong-gw-a", "10.0.0.1", GatewaySyncState.InSync, fallback)) with
        {
            LastFailed = new FailedConfig(rejected, "gw", Now, [new KongRejection("route", null, "invalid paths", IngressRef("shop", "storefront"))], null),
            Fallback = new FallbackReport(true, Now, [IngressRef("shop", "storefront")], []),
        };
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(With(State(Demo, 1, Echo, Shop, Legacy), sync)));

        var cut = ctx.Render<Translation>();

        // Sorted by namespace/name: default/echo, legacy/old, shop/storefront.
        cut.WaitForAssertion(() => Assert.Equal(["Applied", "None", "Rejected"], ApplyStates(cut)));
        var rejectedChip = cut.FindAll("[data-testid=kong-apply]")[2];
        Assert.Equal("Kong: Rejected", rejectedChip.TextContent.Trim());
        Assert.Contains("Rejected by Kong. invalid paths", rejectedChip.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_observer_shows_not_pushed()
    {
        var desired = Payload(Config(Echo));
        var sync = Sync(desired) with { Enabled = false, DisabledReason = "Observer role" };
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(With(State(Demo, 1, Echo), sync)));

        var cut = ctx.Render<Translation>();

        Assert.Equal(["NotPushed"], ApplyStates(cut));
        Assert.Equal("Kong: Not pushed", cut.Find("[data-testid=kong-apply]").TextContent.Trim());
    }
}
