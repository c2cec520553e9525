using Bunit;
using KongDashboard.Audit;
using KongDashboard.Components.Pages;
using KongDashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static KongDashboard.Web.Tests.Components.SyncStates;

namespace KongDashboard.Web.Tests.Components;

/// <summary>Issue 19: a Kong gateway is named by its pod; its Admin API URL is secondary (tooltip or fact).</summary>
public sealed class GatewayTargetNameTests
{
    private static BunitContext Context() => DashboardTestContext.OneGatewayInSync();

    [Theory]
    [InlineData("kong/kong-gw-a")] // what the drawer's "copy link" writes
    [InlineData("kong-gw-a")] // the bare pod name
    [InlineData("http://10.0.0.1:8001")] // links of earlier versions named the Admin API
    public async Task A_gateways_link_opens_the_drawer_on_the_pod_it_names(string key)
    {
        await using var ctx = Context();
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameter("gateway", key));

        var cut = ctx.Render<Gateways>();

        cut.WaitForAssertion(() => Assert.Equal("kong/kong-gw-a", cut.Find("[data-testid=gateway-detail] .kd-detail-title").TextContent.Trim()));
        Assert.EndsWith("gateways?gateway=kong%2Fkong-gw-a", cut.Find("[data-testid=copy-gateway-link] button").GetAttribute("data-copy-text"), StringComparison.Ordinal);
        Assert.Equal("kong/kong-gw-a", cut.Find("[data-testid=copy-gateway-name] button").GetAttribute("data-copy-text"));
    }

    [Fact]
    public async Task A_link_to_an_unknown_gateway_says_it_is_gone()
    {
        await using var ctx = Context();
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameter("gateway", "kong/kong-gw-z"));

        var cut = ctx.Render<Gateways>();

        cut.WaitForAssertion(() => Assert.Contains("kong/kong-gw-z is no longer discovered", cut.Find("[data-testid=gateway-detail]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audit_trail_names_a_resynced_gateway_by_its_pod_with_the_url_in_the_tooltip()
    {
        await using var ctx = Context();
        var log = new AuditLog(Options.Create(new DashboardSecuritySettings()));
        ctx.Services.AddSingleton(log);
        log.Add(new AuditEntry(Now, "ada", DashboardRoles.Admin, "resync", "http://10.0.0.1:8001", "127.0.0.1", AuditResult.Succeeded, "ok"));
        log.Add(new AuditEntry(Now, "ada", DashboardRoles.Admin, "resync", "all gateways", "127.0.0.1", AuditResult.Succeeded, "ok"));

        var cut = ctx.Render<KongDashboard.Components.Pages.Audit>();

        var targets = cut.FindAll("[data-testid=audit-target]");
        // Newest first; a target that is no gateway (positive control for the mapping) stays as written.
        Assert.Equal(["all gateways", "kong-gw-a"], targets.Select(t => t.TextContent.Trim()));
        Assert.Equal("http://10.0.0.1:8001", targets[1].GetAttribute("title"));
    }
}
