namespace KongDashboard.Security;

/// <summary><c>?embed=true</c> hides the navigation chrome for portals; remembered for the browser session in a cookie.</summary>
public static class EmbedMode
{
    public const string CookieName = "kd-embed";
    private const string ItemKey = "kd-embed";

    public static IApplicationBuilder UseEmbedMode(this IApplicationBuilder app, EmbeddingPolicy embedding) => app.Use((context, next) =>
    {
        if (context.Request.Query.TryGetValue("embed", out var value))
        {
            var on = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
            context.Items[ItemKey] = on;
            var options = new CookieBuilder { Name = CookieName, HttpOnly = true, SameSite = SameSiteMode.Lax, Path = PathOf(context) };
            embedding.Apply(options);
            if (on)
            {
                context.Response.Cookies.Append(CookieName, "1", options.Build(context)); // no expiry: a session cookie
            }
            else
            {
                context.Response.Cookies.Delete(CookieName, options.Build(context));
            }
        }

        return next(context);
    });

    public static bool IsOn(HttpContext? context) =>
        context is not null && (context.Items.TryGetValue(ItemKey, out var on) ? on is true : context.Request.Cookies[CookieName] == "1");

    private static string PathOf(HttpContext context) => context.Request.PathBase.HasValue ? context.Request.PathBase.Value! : "/";
}
