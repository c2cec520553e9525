using KongDashboard.EmbeddedCluster.KongGateway;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.Simulation;

/// <summary>The load generator and the HPA controller, run together for the lifetime of the embedded cluster.</summary>
internal sealed class LoadSimulation : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _tasks;

    public LoadSimulation(ResourceStore store, PodMetricsSource metrics, KongGatewayFleet? fleet, LoadSimulationOptions options, ILoggerFactory loggerFactory)
    {
        var generator = new LoadGenerator(store, metrics, fleet, options, loggerFactory.CreateLogger<LoadGenerator>());
        var hpa = new HpaController(store, metrics, options, options.Time, loggerFactory.CreateLogger<HpaController>());
        var token = _stopping.Token;
        _tasks = [Task.Run(() => generator.RunAsync(token), token), Task.Run(() => hpa.RunAsync(token), token)];
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }
}
