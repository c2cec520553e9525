namespace KongDashboard.Core.Sync.Database;

/// <summary>
/// A DB-mode Kong node's settings that bound when it serves a change written to the shared database, as <c>GET /</c>
/// reports them in <c>configuration</c>. Kong 3.9.1: another node's write reaches this node through the
/// <c>cluster_events</c> table, polled every <c>db_update_frequency</c> (kong/global.lua:229,
/// kong/cluster_events/init.lua:84,203) and delayed by <c>db_update_propagation</c>; the router is then rebuilt by the
/// <c>router-rebuild</c> timer every <c>worker_state_update_frequency</c> (kong/runloop/handler.lua:991-1016). Missing
/// values take Kong's defaults (kong/templates/kong_defaults.lua:157-158,187) and are marked <see cref="Assumed"/>.
/// </summary>
public sealed record NodePollSettings(double DbUpdateFrequency, double DbUpdatePropagation, double WorkerStateUpdateFrequency, bool Assumed)
{
    public static NodePollSettings? From(KongNodeInfo info)
    {
        if (info.Database is null or "off")
        {
            return null;
        }

        var assumed = info.DbUpdateFrequency is null || info.DbUpdatePropagation is null || info.WorkerStateUpdateFrequency is null;
        return new NodePollSettings(info.DbUpdateFrequency ?? 5, info.DbUpdatePropagation ?? 0, info.WorkerStateUpdateFrequency ?? 5, assumed);
    }

    /// <summary>
    /// The longest a change can take to be served by this node: its own write is invalidated locally at once
    /// (kong/runloop/events.lua) and waits only for the router rebuild; another node's write waits for the poll first.
    /// </summary>
    public TimeSpan Bound(bool writtenThroughThisNode) => TimeSpan.FromSeconds(
        writtenThroughThisNode ? WorkerStateUpdateFrequency : DbUpdateFrequency + DbUpdatePropagation + WorkerStateUpdateFrequency);
}
