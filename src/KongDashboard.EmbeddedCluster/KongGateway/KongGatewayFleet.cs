using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Controllers;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// Backs every Kong gateway pod of the embedded cluster with an <see cref="EmbeddedKongGateway"/> listening on the
/// pod's own IP (a loopback address) at the Admin API port, so the EndpointSlices of the admin Service lead to a
/// real Admin API. A deleted pod takes its gateway with it; a restarted pod comes back with an empty configuration.
/// </summary>
public sealed class KongGatewayFleet : IAsyncDisposable
{
    /// <summary>Pods with this label are Kong gateways.</summary>
    public const string GatewayLabel = "app";
    public const string GatewayLabelValue = "kong-gateway";
    public const int AdminPort = 8001;

    private const string BrokenAnnotation = "test.konghq.com/broken";

    private readonly ResourceStore _store;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly string _routerFlavor;
    // By "namespace/pod": a replacement pod always has a new name, and the provider runs before the pod has a uid.
    private readonly ConcurrentDictionary<string, EmbeddedKongGateway> _byPod = new();
    private (string Version, IReadOnlyList<IReadOnlyList<string>> Tags)? _brokenScan;

    internal KongGatewayFleet(ResourceStore store, string routerFlavor, ILoggerFactory loggerFactory)
    {
        _store = store;
        _routerFlavor = routerFlavor;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KongGatewayFleet>();
    }

    /// <summary>The gateways by "namespace/pod".</summary>
    public IReadOnlyDictionary<string, EmbeddedKongGateway> Gateways => _byPod.ToDictionary();

    public EmbeddedKongGateway? ForPod(string ns, string name) => _byPod.GetValueOrDefault($"{ns}/{name}");

    /// <summary>
    /// A container restart: Kong comes back empty (configuration hash all zeros) and the pod's restart count goes up,
    /// as the kubelet reports it.
    /// </summary>
    public void RestartPod(string ns, string name)
    {
        var gateway = ForPod(ns, name) ?? throw new InvalidOperationException($"Pod {ns}/{name} is not a Kong gateway of this cluster.");
        gateway.Restart();
        var pod = _store.Get("Pod", ns, name);
        var status = pod["status"] as JsonObject ?? new JsonObject();
        if (status["containerStatuses"] is JsonArray { Count: > 0 } containers && containers[0] is JsonObject container)
        {
            container["restartCount"] = (container["restartCount"]?.GetValue<int>() ?? 0) + 1;
            container["lastState"] = new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = 137,
                    ["reason"] = "Error",
                    ["finishedAt"] = ObjectMeta.Timestamp(DateTimeOffset.UtcNow),
                },
            };
            _store.UpdateStatus("Pod", ns, name, pod);
        }
    }

    /// <summary>The DeploymentController's pod-address hook: a gateway pod gets a loopback IP with a live Admin API.</summary>
    internal string? AddressFor(JsonObject pod)
    {
        if (pod.Labels()?[GatewayLabel]?.ToString() != GatewayLabelValue)
        {
            return null;
        }

        var key = $"{pod.Namespace()}/{pod.Name()}";
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var address = LoopbackAddresses.Next();
            try
            {
                var gateway = EmbeddedKongGateway.StartAsync(Options(address, pod.Name() ?? "kong"), _loggerFactory).GetAwaiter().GetResult();
                _byPod[key] = gateway;
                _logger.LogDebug("Kong gateway pod {Pod} serves its Admin API at {Address}", key, gateway.AdminAddress);
                return address.ToString();
            }
            catch (IOException)
            {
                // Another process holds this address:port; try the next address.
            }
        }

        _logger.LogError("No free loopback address for Kong gateway pod {Pod}", key);
        return null;
    }

    /// <summary>Stops the gateways of pods that no longer exist.</summary>
    internal async Task ReconcileAsync()
    {
        var live = _store.List("Pod").Select(p => $"{p.Namespace()}/{p.Name()}").ToHashSet();
        foreach (var (pod, gateway) in _byPod.Where(g => !live.Contains(g.Key)).ToList())
        {
            if (_byPod.TryRemove(pod, out _))
            {
                _logger.LogDebug("Kong gateway pod {Pod} is gone; stopping its Admin API", pod);
                await gateway.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _byPod.Values)
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
        }

        _byPod.Clear();
    }

    private KongGatewayOptions Options(IPAddress address, string nodeName) => new()
    {
        Address = address,
        Port = AdminPort,
        RouterFlavor = _routerFlavor,
        NodeName = nodeName,
        BrokenObjects = BrokenObjects,
    };

    // KIC's test mock rejects the objects annotated test.konghq.com/broken, naming them by KIC's k8s-* tags.
    private IReadOnlyList<IReadOnlyList<string>> BrokenObjects()
    {
        // Scanning every object on each push is fine for a demo cluster, but skip it while nothing changed.
        var version = _store.ResourceVersion;
        if (_brokenScan is { } cached && cached.Version == version)
        {
            return cached.Tags;
        }

        var broken = new List<IReadOnlyList<string>>();
        foreach (var kind in _store.Kinds.Kinds.Where(k => !k.ReadOnly))
        {
            foreach (var obj in _store.List(kind.Kind))
            {
                if (obj.Annotations()?[BrokenAnnotation]?.ToString() != "true")
                {
                    continue;
                }

                // Order and presence as KIC's GenerateTagsForObject: empty values are left out.
                var tags = new List<string> { $"k8s-name:{obj.Name()}" };
                if (obj.Namespace() is { Length: > 0 } ns) tags.Add($"k8s-namespace:{ns}");
                tags.Add($"k8s-kind:{kind.Kind}");
                if (obj.Uid() is { Length: > 0 } uid) tags.Add($"k8s-uid:{uid}");
                if (kind.Group.Length > 0) tags.Add($"k8s-group:{kind.Group}");
                tags.Add($"k8s-version:{kind.Version}");
                broken.Add(tags);
            }
        }

        _brokenScan = (version, broken);
        return broken;
    }
}

/// <summary>Runs the fleet's clean-up whenever pods change.</summary>
internal sealed class KongGatewayFleetController(ResourceStore store, KongGatewayFleet fleet, ILogger logger)
    : SimulatedController(store, logger, "Pod")
{
    protected override void Reconcile() => fleet.ReconcileAsync().GetAwaiter().GetResult();
}
