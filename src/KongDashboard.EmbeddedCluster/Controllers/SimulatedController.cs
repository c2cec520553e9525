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
                try
                {
                    Reconcile();
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
