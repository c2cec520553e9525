using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace KongDashboard.Security;

/// <summary>Prints the BrowserToken login URL (with the path base) once Kestrel listens, to the log and the console.</summary>
public sealed class LoginUrlAnnouncer(
    IHostApplicationLifetime lifetime,
    IServer server,
    BrowserTokens tokens,
    IOptions<DashboardSecuritySettings> settings,
    ILogger<LoginUrlAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var pathBase = PathBaseSetting.Normalize(settings.Value.PathBase);
        foreach (var address in addresses)
        {
            var url = $"{Browsable(address)}{pathBase}/login?t={tokens.AdminToken}";
            logger.LogWarning("Dashboard login (admin): {LoginUrl}", url);
            Console.WriteLine($"Kong Dashboard login: {url}");
        }

        if (tokens.ViewerToken is not null)
        {
            logger.LogInformation("A viewer token is configured (Dashboard:Auth:ViewerToken): it signs in read-only users");
        }
    }

    // http://[::]:8080 and http://+:8080 are not URLs a browser can open; port-forwards arrive on localhost.
    private static string Browsable(string address) => address
        .Replace("://[::]", "://localhost", StringComparison.Ordinal)
        .Replace("://+", "://localhost", StringComparison.Ordinal)
        .Replace("://*", "://localhost", StringComparison.Ordinal)
        .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
        .TrimEnd('/');
}

public static class PathBaseSetting
{
    /// <summary>"kong-dashboard/" → "/kong-dashboard"; empty → "".</summary>
    public static string Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim() == "/" ? "" : "/" + value.Trim().Trim('/');
}
