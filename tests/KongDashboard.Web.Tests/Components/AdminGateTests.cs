using Bunit;
using KongDashboard.Components.Controls;
using KongDashboard.Core.Controller;
using KongDashboard.Security;
using Microsoft.AspNetCore.Components;

namespace KongDashboard.Web.Tests.Components;

public sealed class AdminGateTests
{
    private static readonly RenderFragment<AdminGateContext> Button = gate => builder =>
    {
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "disabled", !gate.Allowed);
        builder.AddContent(2, gate.Reason ?? "go");
        builder.CloseElement();
    };

    [Fact]
    public async Task A_viewer_gets_a_denied_gate_with_the_reason()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(TestStates.State(TestStates.Demo, 1)));
        ctx.AddAuthorization().SetAuthorized("vera").SetRoles(DashboardRoles.Viewer);

        var cut = ctx.Render<AdminGate>(p => p.Add(x => x.ChildContent, Button));

        Assert.True(cut.Find("button").HasAttribute("disabled"));
        Assert.Contains("vera is a Viewer", cut.Find("button").TextContent);
        Assert.Equal("false", cut.Find(".kd-admin-gate").GetAttribute("data-allowed"));
    }

    [Fact]
    public async Task An_admin_gets_an_allowed_gate()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(TestStates.State(TestStates.Demo, 1)));

        var cut = ctx.Render<AdminGate>(p => p.Add(x => x.ChildContent, Button));

        Assert.False(cut.Find("button").HasAttribute("disabled"));
        Assert.Equal("true", cut.Find(".kd-admin-gate").GetAttribute("data-allowed"));
    }
}
