using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Controller;

/// <summary>Turns a cluster snapshot into what the dashboard shows of its translation. Pure: no I/O.</summary>
public interface ISnapshotTranslator
{
    TranslationState Translate(ClusterSnapshot snapshot, long generation);
}
