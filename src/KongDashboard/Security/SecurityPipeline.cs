using Microsoft.Extensions.Options;

namespace KongDashboard.Security;

/// <summary>The middleware order that matters (B.9): headers → host filter → proxy headers → path base → not-found re-execution → routing → origin → auth.</summary>
public static class SecurityPipeline
{
    /// <summary>Security headers, the Host allow-list, forwarded headers (only from Dashboard:KnownProxies), the path base, then routing.</summary>
    public static WebApplication UseDashboardHosting(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<DashboardSecuritySettings>>().Value;
        // Outermost, so every response carries them: errors, re-executed 404s, static files, the login page.
        app.UseDashboardSecurityHeaders(app.Services.GetRequiredService<EmbeddingPolicy>());
        app.UseDashboardHostFiltering();
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

        app.UseNotFoundPage();

        // Explicitly after UsePathBase: otherwise /base/_blazor/negotiate is routed without the base and returns 405.
        app.UseRouting();
        return app;
    }

    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<DashboardSecuritySettings>>().Value;
        app.UseDashboardOriginCheck(settings);
        app.UseReturnUrlCheck();
        if (settings.Auth.Mode == AuthMode.BrowserToken)
        {
            app.UseBrowserTokenLogin();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDashboardSignOut(settings.Auth.Mode);
        return app;
    }
}

/// <summary>Unknown pages: browsers get the NotFound page (status 404); API clients keep their plain 404.</summary>
internal static class NotFoundPage
{
    /// <summary>
    /// Before routing, so the re-executed /not-found request is routed and authorized like any other (registered after
    /// authorization, re-execution found no endpoint and the response was an empty 500 without headers).
    /// </summary>
    public static void UseNotFoundPage(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            return next(context);
        });
    }
}
