using KongDashboard.Hosting;

namespace KongDashboard.Actions;

/// <summary>Something an admin asks the dashboard to do. One entry point, so authorization and audit wrap all of them.</summary>
public abstract record DashboardAction(string Name, string Target);

/// <summary>Push the current configuration again to every gateway, or to one.</summary>
public sealed record ResyncAction(string? GatewayId) : DashboardAction("resync", GatewayId ?? "all gateways");

/// <summary>Embedded demo only (carried out by the demo's <see cref="IClusterHosting"/>): set the simulated load (ConfigMap kong-dashboard-sim, key requestsPerSecond).</summary>
public sealed record SetSimulatedLoadAction(int RequestsPerSecond) : DashboardAction("set-simulated-load", $"{RequestsPerSecond} rps");

/// <summary>
/// Embedded demo only: restart the Kong container of one gateway pod, by writing the same pod annotation as
/// <c>kubectl annotate pod &lt;pod&gt; demo.kongdashboard.io/restart=&lt;value&gt;</c>.
/// </summary>
public sealed record RestartKongPodAction(string Namespace, string Pod) : DashboardAction("restart-kong-pod", $"{Namespace}/{Pod}");

/// <summary>
/// A click that reached a control the page had disabled for this user (a Viewer who re-enabled an admin button in the
/// browser). Never runs anything: it exists so the attempt passes the audited entry point and is refused on record.
/// </summary>
public sealed record DisabledControlAction(string Page) : DashboardAction("disabled-admin-control", Page);

public sealed record ActionOutcome(bool Succeeded, string Message);

public interface IDashboardActions
{
    Task<ActionOutcome> RunAsync(DashboardAction action, CancellationToken cancellationToken = default);
}

/// <summary>
/// Carries out actions on the replica serving this dashboard (as <paramref name="caller"/>, when known); actions only
/// the cluster offers (the demo's) go to the cluster's hosting.
/// </summary>
public sealed class DashboardActions(ControllerHost host, IClusterHosting hosting, KongDashboard.Audit.ActionCaller? caller = null) : IDashboardActions
{
    public Task<ActionOutcome> RunAsync(DashboardAction action, CancellationToken cancellationToken = default) => action switch
    {
        ResyncAction { GatewayId: null } => Task.FromResult(ResyncAll()),
        ResyncAction { GatewayId: { } id } => Task.FromResult(ResyncOne(id)),
        HandOffAction handOff => LeadershipActionRunner.HandOffAsync(host, handOff.Target, ActingUser(), cancellationToken),
        _ => hosting.RunAsync(action, cancellationToken)
            ?? Task.FromResult(new ActionOutcome(false, $"{action.Name} is not available on this cluster ({host.Feed.Current.Connection.DisplayName}).")),
    };

    private string ActingUser() =>
        caller?.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : LeadershipActionRunner.DefaultUser;

    private ActionOutcome ResyncAll()
    {
        if (host.Instance?.Sync is not { } sync)
        {
            return new ActionOutcome(false, "This replica configures no Kong gateway.");
        }

        if (!sync.Enabled)
        {
            return new ActionOutcome(false, $"This replica does not push: {sync.State.Current.DisabledReason}.");
        }

        sync.ResyncAll();
        return new ActionOutcome(true, "Re-pushing the configuration to every gateway.");
    }

    private ActionOutcome ResyncOne(string gatewayId)
    {
        if (host.Instance?.Sync is not { } sync)
        {
            return new ActionOutcome(false, "This replica configures no Kong gateway.");
        }

        if (!sync.Enabled)
        {
            return new ActionOutcome(false, $"This replica does not push: {sync.State.Current.DisabledReason}.");
        }

        // People know a gateway by its pod; the Admin API URL is the id the sync loop keys on.
        var name = sync.State.Current.Gateways.FirstOrDefault(g => g.Id == gatewayId)?.Pod?.Name ?? gatewayId;
        return sync.Resync(gatewayId)
            ? new ActionOutcome(true, $"Re-pushing the configuration to {name}.")
            : new ActionOutcome(false, $"No gateway {name}.");
    }
}
