namespace KongDashboard.Security;

/// <summary>
/// Owns the one Content-Security-Policy (with frame-ancestors from Dashboard:FrameAncestors), nosniff and
/// Referrer-Policy on every response, errors included. Written in OnStarting so it replaces the frame-ancestors CSP Blazor adds for WebSocket
/// compression instead of sitting next to it (two CSP headers are both enforced: the double-CSP trap).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseDashboardSecurityHeaders(this IApplicationBuilder app, EmbeddingPolicy embedding)
    {
        var csp = "default-src 'self'; base-uri 'self'; object-src 'none'; script-src 'self'; " +
                  "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
                  $"form-action 'self'; frame-src 'none'; frame-ancestors {embedding.FrameAncestors}";
        return app.Use(async (context, next) =>
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
            try
            {
                await next(context);
            }
            catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // Left to the server, an unhandled exception becomes a 500 with every header cleared (no CSP):
                // answer the 500 here so it keeps the headers above (registered in OnStarting, they survive Clear).
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityHeaders))
                    .LogError(error, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        });
    }
}
