using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>The real app as the demo composes it (product composition root + the embedded cluster through the seam) on a random loopback port.</summary>
public sealed class DashboardAppFactory : WebApplicationFactory<KongDashboard.Hosting.DemoProgram>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Overrides, e.g. another Dashboard:Auth:Mode; the default is Unsecured (explicit opt-in).</param>
    /// <param name="services">Extra registrations, e.g. a logger provider that captures what the app logs.</param>
    public DashboardAppFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Cluster:Mode", "Embedded");
        builder.UseSetting("Dashboard:Auth:Mode", "Unsecured");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Never overwrite the kubeconfig of a dashboard the developer is running.
        builder.UseSetting("Cluster:Embedded:KubeconfigPath", Path.Combine(Path.GetTempPath(), $"kong-dashboard-test-{Guid.NewGuid():N}", "kubeconfig"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // An open Blazor WebSocket otherwise holds graceful shutdown for the default 30 s.
        builder.ConfigureServices(services =>
        {
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            _services?.Invoke(services);
        });
    }

    private bool _started;

    /// <summary>
    /// Stops the controller and the embedded cluster completely first: the host's 2 s shutdown timeout otherwise lets
    /// the container dispose them while their stop is still running (a double dispose).
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Services.GetRequiredService<KongDashboard.Hosting.ControllerHost>().StopAsync(CancellationToken.None);
        }

        await base.DisposeAsync();
    }

    /// <summary>Starts Kestrel (once) and returns its address, e.g. "http://127.0.0.1:41234/".</summary>
    public string RootUri
    {
        get
        {
            StartServer();
            _started = true;
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.EndsWith('/') ? address : address + "/";
        }
    }
}
