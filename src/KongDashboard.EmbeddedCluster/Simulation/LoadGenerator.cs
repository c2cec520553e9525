using System.Globalization;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.Simulation;

/// <summary>
/// Offers the load set in ConfigMap kong-dashboard-sim to the ready Kong pods, spread evenly: publishes their
/// PodMetrics (CPU from <see cref="LoadModel"/>, a little for every other pod) and advances each gateway's counters.
/// </summary>
internal sealed class LoadGenerator(ResourceStore store, PodMetricsSource metrics, KongGatewayFleet? fleet, LoadSimulationOptions options, ILogger logger)
{
    private readonly Dictionary<string, double> _carry = [];
    // Only metrics this generator published are its to remove: tests and tools may set others directly.
    private readonly HashSet<(string, string)> _published = [];

    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.MetricsInterval);
        try
        {
            do
            {
                try
                {
                    Tick(options.MetricsInterval);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Load simulation tick failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal void Tick(TimeSpan elapsed)
    {
        var pods = store.List("Pod");
        var kong = pods.Where(p => p.Labels()?[KongGatewayFleet.GatewayLabel]?.ToString() == KongGatewayFleet.GatewayLabelValue && PodReadiness.IsReady(p)).ToList();
        var byNamespace = kong.GroupBy(p => p.Namespace()!).ToDictionary(g => g.Key, g => g.Count());
        var live = new HashSet<(string, string)>();
        foreach (var pod in pods)
        {
            var ns = pod.Namespace()!;
            var name = pod.Name()!;
            live.Add((ns, name));
            _published.Add((ns, name));
            var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["name"]?.ToString() ?? "main").ToList();
            if (kong.Any(k => k.Name() == name && k.Namespace() == ns))
            {
                var rps = RequestsPerSecond(ns) / byNamespace[ns];
                var model = options.Model;
                // The whole pod's usage goes to its first container (Kong's proxy); sidecars idle.
                metrics.Set(ns, name, containers.Select((c, i) => i == 0
                    ? new ContainerUsage(c, $"{model.CpuMillicores(rps)}m", $"{model.MemoryMiB(rps)}Mi")
                    : new ContainerUsage(c, "1m", "16Mi")));
                Advance(ns, name, rps, elapsed);
            }
            else if (PodReadiness.IsReady(pod))
            {
                metrics.Set(ns, name, containers.Select(c => new ContainerUsage(c, "3m", "32Mi")));
            }
        }

        foreach (var gone in _published.Where(p => !live.Contains(p)).ToList())
        {
            metrics.Remove(gone.Item1, gone.Item2);
            _published.Remove(gone);
            _carry.Remove($"{gone.Item1}/{gone.Item2}");
        }
    }

    private void Advance(string ns, string pod, double rps, TimeSpan elapsed)
    {
        if (fleet?.ForPod(ns, pod) is not { } gateway)
        {
            return;
        }

        var key = $"{ns}/{pod}";
        var requests = rps * elapsed.TotalSeconds + _carry.GetValueOrDefault(key);
        var whole = (long)requests;
        _carry[key] = requests - whole;
        gateway.Counters.AddTraffic(whole, options.Model.ActiveConnections(rps));
    }

    /// <summary>The offered load for Kong in this namespace; 0 when the ConfigMap is missing or unreadable.</summary>
    private double RequestsPerSecond(string ns)
    {
        var value = store.TryGet("ConfigMap", ns, LoadModel.ConfigMapName)?["data"]?[LoadModel.RequestsPerSecondKey]?.ToString();
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rps) && rps > 0 ? rps : 0;
    }
}
