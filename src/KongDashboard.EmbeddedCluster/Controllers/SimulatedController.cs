using System.Threading.Channels;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.Controllers;

/// <summary>
/// Level-triggered reconcile loop over the store: any event on a watched kind schedules one full reconcile
/// (signals coalesce), so bursts of writes cost one pass. Writes that change nothing emit no event, so the loop
/// settles once the desired state is reached.
/// </summary>
internal abstract class SimulatedController(ResourceStore store, ILogger logger, params string[] watchedKinds) : IAsyncDisposable
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<Task> _tasks = [];
    private readonly List<WatchSubscription> _subscriptions = [];

    protected ResourceStore Store { get; } = store;

    protected ILogger Logger { get; } = logger;

    public void Start(CancellationToken stopping)
    {
        foreach (var kind in watchedKinds)
        {
            var subscription = Store.Watch(kind, fromResourceVersion: Store.ResourceVersion);
            _subscriptions.Add(subscription);
            _tasks.Add(PumpAsync(subscription, stopping));
        }
        _signal.Writer.TryWrite(true);
        _tasks.Add(Task.Run(() => LoopAsync(stopping), CancellationToken.None));
    }

    protected abstract void Reconcile();

    private async Task PumpAsync(WatchSubscription subscription, CancellationToken stopping)
    {
        try
        {
            await foreach (var _ in subscription.ReadAllAsync(stopping))
            {
                _signal.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        try
        {
            while (await _signal.Reader.WaitToReadAsync(stopping))
            {
                _signal.Reader.TryRead(out _);
                var started = TimeProvider.System.GetTimestamp();
                try
                {
                    Reconcile();
                    await RestDuringBurstAsync(TimeProvider.System.GetElapsedTime(started), stopping);
                }
                catch (ApiException e)
                {
                    // Conflicts and races with other writers are expected: back off briefly and reconcile again.
                    Logger.LogDebug("{Controller} reconcile retry: {Message}", GetType().Name, e.Message);
                    await Task.Delay(20, stopping);
                    _signal.Writer.TryWrite(true);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Logger.LogError(e, "{Controller} reconcile failed", GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Each pass here reconciles everything (O(objects)), where the real controllers' work queues reconcile only the
    /// object an event names. While a burst is in flight (more events arrived during the pass), rest twice the pass's
    /// cost (at most 1 s) so the stand-in's own passes do not eat the CPU the API server and the dashboard need; the
    /// events meanwhile coalesce into the next pass. A lone event is reconciled at once.
    /// </summary>
    private Task RestDuringBurstAsync(TimeSpan cost, CancellationToken stopping)
    {
        if (!_signal.Reader.TryPeek(out _) || cost <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var rest = cost * 2;
        return Task.Delay(rest < TimeSpan.FromSeconds(1) ? rest : TimeSpan.FromSeconds(1), stopping);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _signal.Writer.TryComplete();
        await Task.WhenAll(_tasks);
    }
}
