using Bunit;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>The Translation grid's one state per Ingress (the status model), including what Kong made of it.</summary>
public sealed class TranslationKongColumnTests
{
    private static readonly TranslationRow Echo = Ingress("default", "echo");
    private static readonly TranslationRow Shop = Ingress("shop", "storefront");
    private static readonly TranslationRow Legacy = Ingress("legacy", "old", TranslationOutcome.Ignored);

    private static IReadOnlyList<string?> ApplyStates(IRenderedComponent<Translation> cut) =>
        [.. cut.FindAll("[data-testid=ingress-grid] [data-testid=status-chip]").Select(e => e.GetAttribute("data-status"))];

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
        cut.WaitForAssertion(() => Assert.Equal(["Applied", "NotForThisController", "RejectedByKong"], ApplyStates(cut)));
        var rejectedChip = cut.FindAll("[data-testid=ingress-grid] [data-testid=status-chip]")[2];
        Assert.Equal("Rejected by Kong", rejectedChip.TextContent.Trim());
        Assert.Contains("Rejected by Kong: Kong rejected it: invalid paths", rejectedChip.GetAttribute("aria-label"), StringComparison.Ordinal);
        // The header's count and the Failures tab agree with the grid.
        Assert.Equal("1 failed", cut.Find("[data-testid=count-failed]").TextContent.Trim());
    }

    [Fact]
    public async Task An_observer_shows_pending_with_the_reason()
    {
        var desired = Payload(Config(Echo));
        var sync = Sync(desired) with { Enabled = false, DisabledReason = "Observer role" };
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(With(State(Demo, 1, Echo), sync)));

        var cut = ctx.Render<Translation>();

        Assert.Equal(["Pending"], ApplyStates(cut));
        Assert.Contains("No Kong gateway discovered", cut.Find("[data-testid=status-chip]").GetAttribute("aria-label"), StringComparison.Ordinal);
    }
}
