using System.Collections.Immutable;

namespace KongDashboard.Core.Sync;

/// <summary>Side channels of config sync (Kubernetes Events, Prometheus metrics), kept out of the sync logic.</summary>
public interface ISyncListener
{
    static readonly ISyncListener None = new NoListener();

    void PushCompleted(GatewayEndpoint gateway, PushRecord record);

    void ConfigRejected(GatewayEndpoint gateway, ConfigPayload payload, ImmutableArray<KongRejection> rejections);

    void FallbackTriggered(FallbackReport report);

    private sealed class NoListener : ISyncListener
    {
        public void PushCompleted(GatewayEndpoint gateway, PushRecord record)
        {
        }

        public void ConfigRejected(GatewayEndpoint gateway, ConfigPayload payload, ImmutableArray<KongRejection> rejections)
        {
        }

        public void FallbackTriggered(FallbackReport report)
        {
        }
    }
}
