using KongDashboard.Hosting;

namespace KongDashboard.Actions;

/// <summary>The demo's "Crash leader": the leader's replica stops without releasing the Lease and its pod is deleted.</summary>
internal static class CrashLeader
{
    public static async Task<ActionOutcome> RunAsync(EmbeddedReplicas replicas, CancellationToken cancellationToken)
    {
        var crashed = await replicas.CrashLeaderAsync(cancellationToken).ConfigureAwait(false);
        return crashed is null
            ? new ActionOutcome(false, "No replica leads right now.")
            : new ActionOutcome(true, $"Crashed {crashed} without releasing the Lease and deleted its pod; another replica takes over when the Lease expires.");
    }
}
