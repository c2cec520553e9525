using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace KongDashboard.Security;

/// <summary>The middleware order that matters (B.9): proxy headers → path base → routing → headers/origin → auth.</summary>
public static class SecurityPipeline
{
    /// <summary>Forwarded headers (only from Dashboard:KnownProxies), the path base, then routing.</summary>
    public static WebApplication UseDashboardHosting(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<DashboardSecuritySettings>>().Value;
        // The TCP peer, before X-Forwarded-For replaces it: TrustedHeader must judge the proxy, not the client.
        app.Use((context, next) =>
        {
            context.Features.Set(new ProxyPeer(context.Connection.RemoteIpAddress));
            return next(context);
        });
        if (!app.Services.GetRequiredService<ProxyNetworks>().IsEmpty)
        {
            // With no known proxy the middleware would believe anyone, so it only runs when some are configured.
            app.UseForwardedHeaders();
        }

        if (PathBaseSetting.Normalize(settings.PathBase) is { Length: > 0 } pathBase)
        {
            app.UsePathBase(pathBase);
        }

        // Explicitly after UsePathBase: otherwise /base/_blazor/negotiate is routed without the base and returns 405.
        app.UseRouting();
        return app;
    }

    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<DashboardSecuritySettings>>().Value;
        var embedding = app.Services.GetRequiredService<EmbeddingPolicy>();
        app.UseDashboardSecurityHeaders(embedding);
        app.UseDashboardOriginCheck(settings);
        app.UseEmbedMode(embedding);
        if (settings.Auth.Mode == AuthMode.BrowserToken)
        {
            app.UseBrowserTokenLogin();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
