using Bunit;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static KongDashboard.Web.Tests.Components.SyncStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>Issue 19: a gateway's drawer lists its pod's Events, and says why when they cannot be read.</summary>
public sealed class ObjectEventsDrawerTests
{
    private static BunitContext Context() => DashboardTestContext.OneGatewayInSync();

    private static IRenderedComponent<Gateways> OpenDrawer(BunitContext ctx)
    {
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameter("gateway", "kong/kong-gw-a"));
        return ctx.Render<Gateways>();
    }

    [Fact]
    public async Task The_gateway_drawer_lists_its_pods_events_newest_first_as_the_source_gives_them()
    {
        await using var ctx = Context();
        var events = ctx.Services.GetRequiredService<RecordedObjectEvents>();
        events.Set("Pod", "kong", "kong-gw-a", new ObjectEventsReading(
            [
                new ObjectEvent("Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", 3, Now.AddMinutes(-1), "kubelet, node-1"),
                new ObjectEvent("Normal", "Started", "Started container proxy", 1, Now.AddMinutes(-9), "kubelet, node-1"),
            ],
            null));

        var cut = OpenDrawer(ctx);

        cut.WaitForAssertion(() => Assert.Equal("loaded", cut.Find("[data-testid=object-events]").GetAttribute("data-state")));
        var rows = cut.FindAll("[data-testid=object-event]");
        Assert.Equal(["Unhealthy", "Started"], rows.Select(r => r.GetAttribute("data-reason")));
        Assert.Equal("Warning", rows[0].GetAttribute("data-type"));
        Assert.Contains("statuscode: 503", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(("Pod", "kong", "kong-gw-a"), events.Reads);
    }

    [Fact]
    public async Task A_read_the_api_server_refused_is_said_in_the_drawer_and_no_list_is_shown()
    {
        await using var ctx = Context();
        var events = ctx.Services.GetRequiredService<RecordedObjectEvents>();
        const string Refused = "Not allowed to list Events in namespace kong: the dashboard's service account needs the \"list\" verb on \"events\".";
        events.Set("Pod", "kong", "kong-gw-a", ObjectEventsReading.Failed(Refused));

        var cut = OpenDrawer(ctx);

        cut.WaitForAssertion(() => Assert.Equal("error", cut.Find("[data-testid=object-events]").GetAttribute("data-state")));
        Assert.Equal(Refused, cut.Find("[data-testid=object-events-error]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=object-event]"));
    }
}
