using Bunit;
using KongDashboard.Components.Search;
using KongDashboard.Core.Controller;
using MudBlazor;

namespace KongDashboard.Web.Tests.Components.Search;

/// <summary>The search dialog in bUnit: opened by its button, it lists matches of the published state.</summary>
public sealed class GlobalSearchDialogTests
{
    [Fact]
    public async Task The_button_opens_the_dialog_and_typing_lists_the_matching_ingress()
    {
        var feed = new StateFeed<ControllerState>(TestStates.State(TestStates.Demo, 1, TestStates.Ingress("shop", "unique-cart")));
        await using var ctx = DashboardTestContext.Create(feed);
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<GlobalSearch>();
        Assert.Empty(dialogs.FindAll("#kd-search-input"));

        cut.Find("button[data-testid=global-search-button]").Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("#kd-search-input")));
        dialogs.Find("#kd-search-input").Input("unique");

        dialogs.WaitForAssertion(() =>
        {
            // The Ingress first (its group comes first), then the Service it routes to (backend unique-cart-svc).
            var options = dialogs.FindAll("[role=option]");
            Assert.Equal(2, options.Count);
            Assert.Contains("unique-cart", options[0].TextContent, StringComparison.Ordinal);
            Assert.Equal("true", options[0].GetAttribute("aria-selected"));
            Assert.Contains("unique-cart-svc", options[1].TextContent, StringComparison.Ordinal);
            Assert.Equal("false", options[1].GetAttribute("aria-selected"));
        });
    }
}
