using KongDashboard.Core.Controller;

namespace KongDashboard.Core.Tests.Leadership;

/// <summary>Samples every replica's IsLeader in the background: counts moments when two replicas both believed they led.</summary>
public sealed class LeaderMonitor : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _seen = [];
    private int _overlaps;

    private LeaderMonitor(ElectionHarness harness) => _ = Task.Run(() => RunAsync(harness));

    public int Overlaps => Volatile.Read(ref _overlaps);

    public IReadOnlyList<string> LeadersSeen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen.Order(StringComparer.Ordinal)];
            }
        }
    }

    public static LeaderMonitor Start(ElectionHarness harness) => new(harness);

    private async Task RunAsync(ElectionHarness harness)
    {
        while (!_stop.IsCancellationRequested)
        {
            IReadOnlyList<ControllerInstance> leaders;
            try
            {
                leaders = harness.Leaders();
            }
            catch (InvalidOperationException)
            {
                continue; // the replica list changed while reading
            }

            if (leaders.Count > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }

            lock (_seen)
            {
                _seen.UnionWith(leaders.Select(l => l.InstanceId));
            }

            await Task.Delay(5);
        }
    }

    public void Dispose() => _stop.Cancel();
}
