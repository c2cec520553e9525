using System.Collections.Concurrent;

namespace KongDashboard.Core.Translation.Incremental;

internal static class Parallelism
{
    /// <summary>Runs pure per-object work; in parallel only when there is enough of it to pay for the threads.</summary>
    public static void ForEach(List<int> indexes, Action<int> action)
    {
        if (indexes.Count < 512)
        {
            foreach (var i in indexes) action(i);
        }
        else
        {
            Parallel.ForEach(Partitioner.Create(0, indexes.Count), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++) action(indexes[i]);
            });
        }
    }
}
