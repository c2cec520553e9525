using Bunit;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace KongDashboard.Web.Tests.Components;

/// <summary>A bUnit context wired like the app's UI (MudBlazor, clock) with a feed the test publishes to.</summary>
internal static class DashboardTestContext
{
    public static BunitContext Create(StateFeed<ControllerState> feed)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(TimeProvider.System);
        // Times as a first render shows them (UTC until the browser names its zone); a test may Restore another.
        context.Services.AddScoped<KongDashboard.Components.Controls.TimeDisplay>();
        context.Services.AddSingleton<IStateFeed<ControllerState>>(feed);
        // Drawers read an object's Events; a test may put some here (RecordedObjectEvents.Set) before rendering.
        context.Services.AddSingleton<RecordedObjectEvents>();
        context.Services.AddSingleton<KongDashboard.Core.Events.IObjectEventSource>(sp => sp.GetRequiredService<RecordedObjectEvents>());
        // Pages gate admin actions on the user's role (AdminGate): an Admin by default, tests may change it.
        context.AddAuthorization().SetAuthorized("test admin").SetRoles(KongDashboard.Security.DashboardRoles.Admin);
        // Slow CI machines: live updates go through a background task and a 100 ms throttle.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        return context;
    }

    /// <summary>
    /// One Ingress (default/echo) and one gateway pod (kong/kong-gw-a) in sync with it, with admin actions recorded:
    /// what the gateway drawer's tests open.
    /// </summary>
    public static BunitContext OneGatewayInSync()
    {
        var echo = TestStates.Ingress("default", "echo");
        var desired = SyncStates.Payload(SyncStates.Config(echo), generation: 2);
        var state = SyncStates.With(TestStates.State(TestStates.Demo, 1, echo),
            SyncStates.Sync(desired, SyncStates.Gateway("kong-gw-a", "10.0.0.1", KongDashboard.Core.Sync.GatewaySyncState.InSync, desired, SyncStates.Push(desired))),
            [SyncStates.Pod("kong-gw-a", "10.0.0.1")], SyncStates.Metrics());
        var context = Create(new StateFeed<ControllerState>(state));
        context.Services.AddSingleton<KongDashboard.Actions.IDashboardActions>(new RecordingDashboardActions());
        return context;
    }
}
