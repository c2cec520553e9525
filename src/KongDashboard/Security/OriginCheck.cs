namespace KongDashboard.Security;

/// <summary>
/// Refuses (403) Blazor circuit and SignalR hub connections from pages of other origins (cross-site WebSocket
/// hijacking). Allowed: the app's own origin (as the client sees it, after forwarded headers) and Dashboard:AllowedOrigins.
/// Requests without an Origin header are not from a browser page and carry no ambient credentials risk.
/// </summary>
public static class OriginCheck
{
    public static IApplicationBuilder UseDashboardOriginCheck(this IApplicationBuilder app, DashboardSecuritySettings settings)
    {
        var allowed = DashboardRoles.Split(settings.AllowedOrigins).Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if ((path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/hubs"))
                && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
                && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase)
                && !allowed.Contains(origin))
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OriginCheck))
                    .LogWarning("Refused a {Path} connection from origin {Origin}", path, origin);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next(context);
        });
    }
}
