using System.Collections.Immutable;
using KongDashboard.Core.Sync;

namespace KongDashboard.Core.Leadership;

/// <summary>
/// Leadership guards config sync: a new term enables pushing and re-asserts the configuration on every gateway
/// (a forced resync, so each term starts with a push of its own); losing it disables pushing at once.
/// </summary>
internal sealed class SyncLeaderWork(ConfigSync? sync) : ILeaderWork
{
    public void Start(LeaseTerm term)
    {
        if (sync is null)
        {
            return;
        }

        sync.SetEnabled(true);
        sync.ResyncAll();
    }

    public void Stop(string reason) => sync?.SetEnabled(false, $"not leading: {reason}");

    public Task DrainAsync(CancellationToken cancellationToken) => sync?.WaitForInFlightAsync(cancellationToken) ?? Task.CompletedTask;
}

/// <summary>Passes sync signals on, and tells the elector about successful pushes (a term's first push ends a hand-off).</summary>
internal sealed class LeadershipSyncListener(ISyncListener inner, Func<LeaderElector?> elector) : ISyncListener
{
    public void PushCompleted(GatewayEndpoint gateway, PushRecord record)
    {
        inner.PushCompleted(gateway, record);
        if (record.Success)
        {
            elector()?.OnPushSucceeded();
        }
    }

    public void ConfigRejected(GatewayEndpoint gateway, ConfigPayload payload, ImmutableArray<KongRejection> rejections) =>
        inner.ConfigRejected(gateway, payload, rejections);

    public void FallbackTriggered(FallbackReport report) => inner.FallbackTriggered(report);
}
