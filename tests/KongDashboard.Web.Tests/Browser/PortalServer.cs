using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>A tiny "portal" on its own loopback port: one page that frames the URL given in ?src=.</summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PortalServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PortalServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/", (HttpContext context) => Results.Content(
            $"""<!DOCTYPE html><html><body><h1>Portal</h1><iframe id="dash" src="{WebUtility.HtmlEncode(context.Request.Query["src"])}" width="1200" height="800"></iframe></body></html>""",
            "text/html"));
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        return new PortalServer(app, address.Port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
