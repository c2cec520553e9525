using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>The real app (composition root, embedded demo cluster, controller core, UI) on a random loopback port.</summary>
public sealed class DashboardAppFactory : WebApplicationFactory<Program>
{
    public DashboardAppFactory() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Cluster:Mode", "Embedded");
        // Never overwrite the kubeconfig of a dashboard the developer is running.
        builder.UseSetting("Cluster:Embedded:KubeconfigPath", Path.Combine(Path.GetTempPath(), $"kong-dashboard-test-{Guid.NewGuid():N}", "kubeconfig"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // An open Blazor WebSocket otherwise holds graceful shutdown for the default 30 s.
        builder.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2)));
    }

    /// <summary>Starts Kestrel (once) and returns its address, e.g. "http://127.0.0.1:41234/".</summary>
    public string RootUri
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.EndsWith('/') ? address : address + "/";
        }
    }
}
