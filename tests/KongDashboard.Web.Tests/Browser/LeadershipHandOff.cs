using System.Security.Claims;
using KongDashboard.Actions;
using KongDashboard.Audit;
using KongDashboard.Core.Controller;
using KongDashboard.Security;
using Microsoft.Extensions.DependencyInjection;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Tests that need the dashboard's own replica to push (resync, pod names in toasts, redaction of pushed config).</summary>
internal static class LeadershipHandOff
{
    /// <summary>
    /// Waits for the dashboard's replica to be active with gateways, then, when another replica leads, hands the Lease
    /// to it through the admin action (authorized and audited as <paramref name="caller"/>) and waits until it pushes.
    /// </summary>
    /// <returns>The hand-off's outcome message, or null when the replica already led.</returns>
    public static async Task<string?> MakeTheDashboardsReplicaLeadAsync(this DashboardAppFactory app, string caller)
    {
        var feed = app.Services.GetRequiredService<IStateFeed<ControllerState>>();
        using var scope = app.Services.CreateScope();
        // Actions are authorized and audited per caller; outside a circuit, say who asks (an Admin).
        scope.ServiceProvider.GetRequiredService<ActionCaller>().Set(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, caller), new Claim(ClaimTypes.Role, DashboardRoles.Admin)], "test")),
            "127.0.0.1");
        await Eventually.HoldsAsync(() =>
        {
            Assert.Equal(ControllerRole.Active, feed.Current.Connection.Role);
            Assert.NotEmpty(feed.Current.Sync.Gateways);
            return Task.CompletedTask;
        }, 60_000);
        string? message = null;
        if (!feed.Current.Sync.Enabled)
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<IDashboardActions>().RunAsync(new HandOffAction(feed.Current.InstanceId));
            message = $"hand-off to {feed.Current.InstanceId}: {outcome.Message}";
        }

        await Eventually.HoldsAsync(() =>
        {
            Assert.True(feed.Current.Sync.Enabled, $"the dashboard's replica does not push: {feed.Current.Sync.DisabledReason}");
            return Task.CompletedTask;
        }, 30_000);
        return message;
    }
}
