namespace KongDashboard.Security;

/// <summary>
/// Owns the one Content-Security-Policy (with frame-ancestors from Dashboard:FrameAncestors), nosniff and
/// Referrer-Policy. Written in OnStarting so it replaces the frame-ancestors CSP Blazor adds for WebSocket
/// compression instead of sitting next to it (two CSP headers are both enforced: the double-CSP trap).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseDashboardSecurityHeaders(this IApplicationBuilder app, EmbeddingPolicy embedding)
    {
        var csp = "default-src 'self'; base-uri 'self'; object-src 'none'; script-src 'self'; " +
                  "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
                  $"form-action 'self'; frame-src 'none'; frame-ancestors {embedding.FrameAncestors}";
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = csp;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                if (embedding.AllowsPortals)
                {
                    // X-Frame-Options cannot express an allow-list; frame-ancestors decides.
                    headers.Remove("X-Frame-Options");
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
