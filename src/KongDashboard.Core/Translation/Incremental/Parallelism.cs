using System.Collections.Concurrent;

namespace KongDashboard.Core.Translation.Incremental;

internal static class Parallelism
{
    private const int MinParallel = 512;

    /// <summary>Starts a large independent computation on another core; a small one is done now.</summary>
    public static Task<T> Start<T>(int size, Func<T> compute) =>
        size < MinParallel ? Task.FromResult(compute()) : Task.Run(compute);

    /// <summary>Runs pure per-object work for 0 ≤ i &lt; count; in parallel only when there is enough of it to pay for the threads.</summary>
    public static void For(int count, Action<int> action)
    {
        if (count < MinParallel)
        {
            for (var i = 0; i < count; i++)
            {
                action(i);
            }
        }
        else
        {
            Parallel.ForEach(Partitioner.Create(0, count), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    action(i);
                }
            });
        }
    }
}
