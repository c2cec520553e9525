using KongDashboard.Hosting;
using KongDashboard.EmbeddedCluster;
using Microsoft.Extensions.DependencyInjection;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>The embedded cluster of a demo app started through the seam (<see cref="EmbeddedClusterHosting"/>).</summary>
internal static class DemoServices
{
    public static EmbeddedApiServer EmbeddedServer(this IServiceProvider services) => services.GetRequiredService<EmbeddedClusterHosting>().Server;
}
