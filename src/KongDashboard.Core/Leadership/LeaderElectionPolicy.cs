using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;

namespace KongDashboard.Core.Leadership;

/// <summary>Whether a replica joins leader election, as KIC decides it (internal/manager/setup.go leaderElectionEnabled).</summary>
public static class LeaderElectionPolicy
{
    /// <param name="forced">Controller:LeaderElection (true/false), KIC's hidden --force-leader-election.</param>
    /// <param name="databaseMode">Kong backed by a database (postgres): every replica would write the same database.</param>
    public static (bool Enabled, string Reason) Decide(ControllerRole role, bool? forced, KongSyncOptions? kong, bool databaseMode = false)
    {
        if (role == ControllerRole.Observer)
        {
            return (false, "observer replicas never join leader election");
        }

        if (forced is { } value)
        {
            return (value, value ? "forced on by Controller:LeaderElection" : "forced off by Controller:LeaderElection");
        }

        if (databaseMode)
        {
            return (true, "DB mode: only one replica may write Kong's database");
        }

        if (kong is null)
        {
            return (false, "no Kong gateway configured: nothing to push");
        }

        return kong.UsesDiscovery
            ? (true, "gateway discovery (Kong:AdminService): only the leader configures the shared gateways")
            : (false, "static Kong:AdminUrls (sidecar): each replica configures its own Kong");
    }
}
