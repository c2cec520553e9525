using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Controllers;
using KongDashboard.EmbeddedCluster.KongGateway.Access;
using KongDashboard.EmbeddedCluster.Store;
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
    // Each gateway starts in the background: the pod-address hook is synchronous and must not block on Kestrel.
    private readonly ConcurrentDictionary<string, Task<EmbeddedKongGateway>> _byPod = new();

    // The address hook runs just before the pod is written: only a pod seen in the store once can be "gone".
    private readonly ConcurrentDictionary<string, bool> _seenInStore = new();
    private (string Version, IReadOnlyList<IReadOnlyList<string>> Tags)? _brokenScan;

    private readonly KongAdminHardening _hardening;
    private readonly FaultInjector _faults;
    private readonly KongAdminAuthority? _authority;

    internal KongGatewayFleet(ResourceStore store, string routerFlavor, ILoggerFactory loggerFactory,
        KongAdminHardening? hardening = null, FaultInjector? faults = null)
    {
        _store = store;
        _routerFlavor = routerFlavor;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KongGatewayFleet>();
        _hardening = hardening ?? new KongAdminHardening();
        _faults = faults ?? new FaultInjector();
        _hardening.Validate();
        if (_hardening.Https)
        {
            _authority = new KongAdminAuthority();
        }
        Access = new KongAdminAccess
        {
            Token = _hardening.RequireToken ? _hardening.Token ?? NewToken() : null,
            CaCertificatePem = _authority?.CertificatePem,
            ClientCertificate = _hardening.RequireClientCertificate ? _authority!.IssueClient("kong-dashboard-controller") : null,
            Https = _hardening.Https,
        };
    }

    /// <summary>DB mode: the database every gateway pod shares; null when the pods are DB-less.</summary>
    public Database.KongDatabase? Database { get; init; }

    /// <summary>Kong's <c>db_update_frequency</c> of the pods in DB mode.</summary>
    public TimeSpan DbUpdateFrequency { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>What a client needs to reach these Admin APIs (token, CA, client certificate); empty when not hardened.</summary>
    public KongAdminAccess Access { get; }

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    /// <summary>The gateways by "namespace/pod".</summary>
    /// <summary>The running gateways by "namespace/pod" (a new pod's gateway appears once its listener is up).</summary>
    public IReadOnlyDictionary<string, EmbeddedKongGateway> Gateways =>
        _byPod.Where(g => g.Value.IsCompletedSuccessfully).ToDictionary(g => g.Key, g => g.Value.Result);

    public EmbeddedKongGateway? ForPod(string ns, string name) =>
        _byPod.GetValueOrDefault($"{ns}/{name}") is { IsCompletedSuccessfully: true } started ? started.Result : null;

    /// <summary>
    /// A container restart: Kong comes back empty (configuration hash all zeros) and the pod's restart count goes up,
    /// as the kubelet reports it; the pod keeps its name and IP. The status is written first, so a conflicting write
    /// (409) leaves the gateway untouched and the caller can simply try again.
    /// </summary>
    /// <param name="message">The container's last termination message (what <c>kubectl describe pod</c> shows).</param>
    public void RestartPod(string ns, string name, string? message = null)
    {
        var gateway = ForPod(ns, name) ?? throw new InvalidOperationException($"Pod {ns}/{name} is not a Kong gateway of this cluster.");
        var pod = _store.Get("Pod", ns, name);
        if (KongContainerStatus(pod) is { } container)
        {
            var now = ObjectMeta.Timestamp(DateTimeOffset.UtcNow);
            container["restartCount"] = (container["restartCount"]?.GetValue<int>() ?? 0) + 1;
            // The old container's record moves to lastState; the new one runs under a new container ID.
            var terminated = new JsonObject { ["exitCode"] = 137, ["reason"] = "Error" };
            if (container["state"]?["running"]?["startedAt"]?.DeepClone() is { } started)
            {
                terminated["startedAt"] = started;
            }

            terminated["finishedAt"] = now;
            if (container["containerID"]?.DeepClone() is { } oldId)
            {
                terminated["containerID"] = oldId;
                container["containerID"] = $"containerd://{Guid.NewGuid():N}{Guid.NewGuid():N}";
            }

            if (message is not null)
            {
                terminated["message"] = message;
            }

            container["lastState"] = new JsonObject { ["terminated"] = terminated };
            container["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } };
            _store.UpdateStatus("Pod", ns, name, pod);
        }

        gateway.Restart();
    }

    /// <summary>A Kong gateway pod, or a pod running Kong as a sidecar container.</summary>
    internal static bool IsKongPod(JsonObject pod) =>
        pod.Labels()?[GatewayLabel]?.ToString() == GatewayLabelValue || Seed.SidecarTopology.HasKongContainer(pod);

    /// <summary>The status of the pod's Kong container: the sidecar's by name, else a gateway pod's only container.</summary>
    internal static JsonObject? KongContainerStatus(JsonObject pod)
    {
        var statuses = (pod["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        return Seed.SidecarTopology.HasKongContainer(pod)
            ? statuses.FirstOrDefault(c => c["name"]?.ToString() == Seed.SidecarTopology.KongContainer)
            : statuses.FirstOrDefault();
    }

    /// <summary>
    /// The DeploymentController's pod-address hook: a gateway pod, or a pod with a Kong sidecar container (the sidecar
    /// topology), gets a loopback IP with a live Admin API.
    /// </summary>
    internal string? AddressFor(JsonObject pod)
    {
        if (!IsKongPod(pod))
        {
            return null;
        }

        var key = $"{pod.Namespace()}/{pod.Name()}";
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var address = LoopbackAddresses.Next();
            if (!IsFree(address))
            {
                continue; // another process holds this address:port
            }

            var options = Options(address, pod.Name() ?? "kong");
            _byPod[key] = Task.Run(async () =>
            {
                try
                {
                    var gateway = await EmbeddedKongGateway.StartAsync(options, _loggerFactory).ConfigureAwait(false);
                    _logger.LogDebug("Kong gateway pod {Pod} serves its Admin API at {Address}", key, gateway.AdminAddress);
                    return gateway;
                }
                catch (Exception error)
                {
                    _logger.LogError(error, "The Admin API of Kong gateway pod {Pod} could not start at {Address}", key, address);
                    throw;
                }
            });
            return address.ToString();
        }

        _logger.LogError("No free loopback address for Kong gateway pod {Pod}", key);
        return null;
    }

    /// <summary>Stops the gateways of pods that no longer exist.</summary>
    internal async Task ReconcileAsync()
    {
        var live = _store.List("Pod").Select(p => $"{p.Namespace()}/{p.Name()}").ToHashSet();
        foreach (var pod in _byPod.Keys.Where(live.Contains))
        {
            _seenInStore[pod] = true;
        }

        foreach (var (pod, starting) in _byPod.Where(g => !live.Contains(g.Key) && _seenInStore.ContainsKey(g.Key)).ToList())
        {
            if (_byPod.TryRemove(pod, out _))
            {
                _seenInStore.TryRemove(pod, out _);
                _logger.LogDebug("Kong gateway pod {Pod} is gone; stopping its Admin API", pod);
                await StopAsync(starting).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var starting in _byPod.Values)
        {
            await StopAsync(starting).ConfigureAwait(false);
        }

        _byPod.Clear();
        _authority?.Dispose();
    }

    private static async Task StopAsync(Task<EmbeddedKongGateway> starting)
    {
        try
        {
            await (await starting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // It never started (logged when it failed); nothing to stop.
        }
    }

    /// <summary>A synchronous bind probe, so a taken address is skipped before the pod is given it.</summary>
    private static bool IsFree(IPAddress address)
    {
        try
        {
            using var probe = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, AdminPort));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private KongGatewayOptions Options(IPAddress address, string nodeName) => new()
    {
        Address = address,
        Port = AdminPort,
        RouterFlavor = _routerFlavor,
        NodeName = nodeName,
        BrokenObjects = BrokenObjects,
        Faults = _faults,
        Database = Database,
        DbUpdateFrequency = DbUpdateFrequency,
        CheckHost = _hardening.CheckHost,
        Security = new KongAdminSecurity
        {
            Token = Access.Token,
            ServerCertificate = _authority?.IssueServer(address),
            ClientCertificateAuthority = _hardening.RequireClientCertificate ? _authority!.Certificate : null,
        },
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
                if (obj.Namespace() is { Length: > 0 } ns)
                {
                    tags.Add($"k8s-namespace:{ns}");
                }

                tags.Add($"k8s-kind:{kind.Kind}");
                if (obj.Uid() is { Length: > 0 } uid)
                {
                    tags.Add($"k8s-uid:{uid}");
                }

                if (kind.Group.Length > 0)
                {
                    tags.Add($"k8s-group:{kind.Group}");
                }

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
    // Stopping a gateway awaits Kestrel's shutdown: do it off the reconcile loop.
    protected override void Reconcile() => _ = fleet.ReconcileAsync().ContinueWith(
        t => Logger.LogWarning(t.Exception, "Stopping a Kong gateway failed"), TaskContinuationOptions.OnlyOnFaulted);
}
