using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s;
using KongDashboard.EmbeddedCluster.Controllers;
using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.EmbeddedCluster.Rest;
using KongDashboard.EmbeddedCluster.Seed;
using KongDashboard.EmbeddedCluster.Simulation;
using KongDashboard.EmbeddedCluster.Store;
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
    private readonly GarbageCollector _collector;
    private LoadSimulation? _simulation;

    private EmbeddedApiServer(WebApplication app, CancellationTokenSource stopping, Uri baseAddress, string token,
        X509Certificate2 certificate, ResourceStore store, FaultInjector faults, PodMetricsSource metrics, IReadOnlyList<SimulatedController> controllers, GarbageCollector collector)
    {
        _collector = collector;
        Certificate = certificate;
        Token = token;
        _app = app;
        _stopping = stopping;
        BaseAddress = baseAddress;
        Store = store;
        Faults = faults;
        PodMetrics = metrics;
        _controllers = controllers;
    }

    /// <summary>https://127.0.0.1:PORT</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The bearer token every request must carry, new at each start. It is in <see cref="ClientConfiguration"/> and in
    /// the kubeconfig <see cref="WriteKubeconfig"/> writes; never log it.
    /// </summary>
    public string Token { get; }

    /// <summary>The self-signed serving certificate (its own CA); clients trust exactly this one.</summary>
    public X509Certificate2 Certificate { get; }

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
        if (options.Seed)
        {
            DemoSeed.Load(store, options.KongSidecars);
        }

        var faults = new FaultInjector();
        faults.Apply(options.Faults);
        var metrics = new PodMetricsSource();
        var stopping = new CancellationTokenSource();
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        var certificate = ServingCertificate.Create();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port, listen =>
        {
            // HTTP/1.1 only, as before TLS: one watch per connection keeps streaming and cancellation simple.
            listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1;
            listen.UseHttps(certificate);
        }));
        builder.Services.AddSingleton(loggerFactory); // registered before AddLogging so its TryAdd keeps ours
        builder.Services.AddLogging();
        var app = builder.Build();

        Uri? baseAddress = null;
        var handler = new ApiRequestHandler(store, metrics, faults,
            new WatchStreamer(store, faults, options.BookmarkInterval, stopping.Token),
            new RequestGate(token),
            () => $"{baseAddress?.Host}:{baseAddress?.Port}",
            loggerFactory.CreateLogger<EmbeddedApiServer>());
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        baseAddress = new Uri(address.Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        if (baseAddress.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"the embedded API server must listen on https, got {address}");
        }

        var controllers = new List<SimulatedController>();
        var fleet = options.KongGateways ? new KongGatewayFleet(store, options.KongRouterFlavor, loggerFactory, options.KongAdmin, faults)
        {
            Database = KongGateway.Database.KongDatabaseMode.Create(options.KongDatabase),
            DbUpdateFrequency = options.KongDbUpdateFrequency,
        } : null;
        if (options.RunControllers)
        {
            Func<JsonObject, string?>? addresses = fleet is null
                ? options.PodAddressProvider
                : pod => fleet.AddressFor(pod) ?? options.PodAddressProvider?.Invoke(pod);
            controllers.Add(new DeploymentController(store, addresses, loggerFactory.CreateLogger<DeploymentController>()));
            if (fleet is not null)
            {
                controllers.Add(new KongGatewayFleetController(store, fleet, loggerFactory.CreateLogger<KongGatewayFleetController>()));
                controllers.Add(new ContainerRestartController(store, fleet, loggerFactory.CreateLogger<ContainerRestartController>()));
            }

            controllers.Add(new EndpointSliceController(store, loggerFactory.CreateLogger<EndpointSliceController>()));
            foreach (var controller in controllers)
            {
                controller.Start(stopping.Token);
            }
        }
        // Always on, like kube-controller-manager's garbage collector and namespace controller: deletion depends on it.
        var collector = new GarbageCollector(store, loggerFactory.CreateLogger<GarbageCollector>());
        collector.Start(stopping.Token);
        var server = new EmbeddedApiServer(app, stopping, baseAddress, token, certificate, store, faults, metrics, controllers, collector) { KongGateways = fleet };
        if (options.RunControllers && options.Simulation is { } simulation)
        {
            server._simulation = new LoadSimulation(store, metrics, fleet, simulation, loggerFactory);
        }
        return server;
    }

    private int _disposed;

    /// <summary>A client configuration for this server, token included: what every in-process client must use.</summary>
    public KubernetesClientConfiguration ClientConfiguration() => new()
    {
        Host = BaseAddress.ToString().TrimEnd('/'),
        AccessToken = Token,
        SslCaCerts = [X509CertificateLoader.LoadCertificate(Certificate.RawData)],
    };

    /// <summary>Forget all watch history: a watch from any older resourceVersion gets ERROR 410.</summary>
    public void Compact() => Store.Compact();

    /// <summary>
    /// Writes a kubeconfig with cluster/context/user "kong-dashboard-embedded" pointing at this server, with the bearer
    /// token; the file is readable by its owner only (it holds a credential).
    /// </summary>
    public string WriteKubeconfig(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var writer = new StreamWriter(file);
        writer.Write($"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {ContextName}
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
                certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(ServingCertificate.Pem(Certificate)))}
            users:
            - name: {ContextName}
              user:
                token: {Token}
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
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_simulation is not null)
        {
            await _simulation.DisposeAsync();
        }

        foreach (var controller in _controllers)
        {
            await controller.DisposeAsync();
        }

        await _collector.DisposeAsync();
        if (KongGateways is not null)
        {
            await KongGateways.DisposeAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
        Certificate.Dispose();
    }
}
