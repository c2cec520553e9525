using System.Net;
using System.Text.Json.Nodes;
using k8s;
using KongDashboard.EmbeddedCluster.Controllers;
using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.EmbeddedCluster.Rest;
using KongDashboard.EmbeddedCluster.Seed;
using KongDashboard.EmbeddedCluster.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.EmbeddedCluster;

/// <summary>
/// An in-process Kubernetes API server on loopback HTTP. kubectl and KubernetesClient talk to it unmodified;
/// simulations use <see cref="Store"/> directly with the same semantics.
/// </summary>
public sealed class EmbeddedApiServer : IAsyncDisposable
{
    public const string ContextName = "kong-dashboard-embedded";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly IReadOnlyList<SimulatedController> _controllers;
    private LoadSimulation? _simulation;

    private EmbeddedApiServer(WebApplication app, CancellationTokenSource stopping, Uri baseAddress, ResourceStore store,
        FaultInjector faults, PodMetricsSource metrics, IReadOnlyList<SimulatedController> controllers)
    {
        _app = app;
        _stopping = stopping;
        BaseAddress = baseAddress;
        Store = store;
        Faults = faults;
        PodMetrics = metrics;
        _controllers = controllers;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri BaseAddress { get; }

    public ResourceStore Store { get; }

    /// <summary>The embedded Kong gateways behind the Kong pods (null when disabled).</summary>
    public KongGatewayFleet? KongGateways { get; private init; }

    public FaultInjector Faults { get; }

    /// <summary>Backs metrics.k8s.io/v1beta1 PodMetrics; empty until set.</summary>
    public PodMetricsSource PodMetrics { get; }

    public static async Task<EmbeddedApiServer> StartAsync(EmbeddedApiServerOptions options, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        options.KongAdmin.Validate(); // before anything listens
        var store = new ResourceStore(historyLimit: options.HistoryLimit);
        ClusterBootstrap.CreateSystemNamespaces(store);
        if (options.Seed) DemoSeed.Load(store);

        var faults = new FaultInjector();
        var metrics = new PodMetricsSource();
        var stopping = new CancellationTokenSource();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(loggerFactory); // registered before AddLogging so its TryAdd keeps ours
        builder.Services.AddLogging();
        var app = builder.Build();

        Uri? baseAddress = null;
        var handler = new ApiRequestHandler(store, metrics, faults,
            new WatchStreamer(store, faults, options.BookmarkInterval, stopping.Token),
            () => $"{baseAddress?.Host}:{baseAddress?.Port}",
            loggerFactory.CreateLogger<EmbeddedApiServer>());
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        baseAddress = new Uri(address.Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1"));

        var controllers = new List<SimulatedController>();
        var fleet = options.KongGateways ? new KongGatewayFleet(store, options.KongRouterFlavor, loggerFactory, options.KongAdmin, faults) : null;
        if (options.RunControllers)
        {
            Func<JsonObject, string?>? addresses = fleet is null
                ? options.PodAddressProvider
                : pod => fleet.AddressFor(pod) ?? options.PodAddressProvider?.Invoke(pod);
            controllers.Add(new DeploymentController(store, addresses, loggerFactory.CreateLogger<DeploymentController>()));
            if (fleet is not null)
            {
                controllers.Add(new KongGatewayFleetController(store, fleet, loggerFactory.CreateLogger<KongGatewayFleetController>()));
            }

            controllers.Add(new EndpointSliceController(store, loggerFactory.CreateLogger<EndpointSliceController>()));
            foreach (var controller in controllers) controller.Start(stopping.Token);
        }
        var server = new EmbeddedApiServer(app, stopping, baseAddress, store, faults, metrics, controllers) { KongGateways = fleet };
        if (options.RunControllers && options.Simulation is { } simulation)
        {
            server._simulation = new LoadSimulation(store, metrics, fleet, simulation, loggerFactory);
        }
        return server;
    }

    private int _disposed;

    public KubernetesClientConfiguration ClientConfiguration() => new() { Host = BaseAddress.ToString().TrimEnd('/') };

    /// <summary>Forget all watch history: a watch from any older resourceVersion gets ERROR 410.</summary>
    public void Compact() => Store.Compact();

    /// <summary>Writes a kubeconfig with cluster/context/user "kong-dashboard-embedded" pointing at this server.</summary>
    public string WriteKubeconfig(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {ContextName}
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
            users:
            - name: {ContextName}
              user: {"{}"}
            contexts:
            - name: {ContextName}
              context:
                cluster: {ContextName}
                user: {ContextName}
                namespace: default
            current-context: {ContextName}
            preferences: {"{}"}

            """);
        return path;
    }

    /// <summary>Idempotent: the host and a DI container may both own this server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        if (_simulation is not null) await _simulation.DisposeAsync();
        foreach (var controller in _controllers) await controller.DisposeAsync();
        if (KongGateways is not null) await KongGateways.DisposeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
