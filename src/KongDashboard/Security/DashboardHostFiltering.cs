using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace KongDashboard.Security;

/// <summary>
/// The Host allow-list (<c>Dashboard:AllowedHosts</c>, default <c>localhost</c>): a DNS-rebinding page (attacker's name
/// resolving to the dashboard) sends its own name as Host and gets 400 from ASP.NET Core's HostFiltering middleware.
/// Not filtered: IP-literal hosts (no name to rebind; kubelet probes and Prometheus use the pod IP) and requests
/// arriving through a Dashboard:KnownProxies peer (the ingress routed them by a Host it serves).
/// </summary>
public static class DashboardHostFiltering
{
    /// <summary>The names always allowed besides the configured ones: loopback by name.</summary>
    public static readonly IReadOnlyList<string> Loopback = ["localhost", "*.localhost"];

    /// <summary>The configured names plus loopback; throws on entries that are not host names or "*.domain" patterns.</summary>
    public static IReadOnlyList<string> AllowedHosts(DashboardSecuritySettings settings)
    {
        var configured = DashboardRoles.Split(settings.AllowedHosts?.Replace(';', ','));
        foreach (var host in configured)
        {
            var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
            if (host != "*" && Uri.CheckHostName(name) == UriHostNameType.Unknown)
            {
                throw new InvalidOperationException($"Dashboard:AllowedHosts: '{host}' is not a host name (use names like ops.example.com or *.example.com, or * to allow any).");
            }
        }

        return [.. Loopback, .. configured];
    }

    public static IApplicationBuilder UseDashboardHostFiltering(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<DashboardSecuritySettings>>().Value;
        var proxies = app.Services.GetRequiredService<ProxyNetworks>();
        var options = new HostFilteringOptions { AllowedHosts = [.. AllowedHosts(settings)], AllowEmptyHosts = false, IncludeFailureMessage = false };
        return app.UseWhen(
            context => !IPAddress.TryParse(context.Request.Host.Host.Trim('[', ']'), out _) && !proxies.Contains(context.Connection.RemoteIpAddress),
            branch => branch.UseMiddleware<HostFilteringMiddleware>(new FixedOptions(options)));
    }

    /// <summary>The options of this one middleware instance (the framework's own AllowedHosts filter keeps its own).</summary>
    private sealed class FixedOptions(HostFilteringOptions value) : IOptionsMonitor<HostFilteringOptions>
    {
        public HostFilteringOptions CurrentValue => value;

        public HostFilteringOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<HostFilteringOptions, string?> listener) => null;
    }
}
