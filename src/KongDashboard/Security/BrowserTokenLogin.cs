using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KongDashboard.Security;

/// <summary>
/// <c>GET /login?t=TOKEN[&amp;returnUrl=…]</c>: a good token signs in a cookie and redirects; a bad one redirects to the
/// login page with <c>failed=1</c> and without the token (never echoed back, never left in the address bar).
/// </summary>
public static class BrowserTokenLogin
{
    public static IApplicationBuilder UseBrowserTokenLogin(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method)
            || !context.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase)
            || !context.Request.Query.TryGetValue("t", out var token))
        {
            await next(context);
            return;
        }

        var tokens = context.RequestServices.GetRequiredService<BrowserTokens>();
        var returnUrl = LocalReturnUrl(context.Request.Query["returnUrl"].ToString() is { Length: > 0 } r ? r : context.Request.Query["ReturnUrl"].ToString());
        var role = tokens.RoleFor(token.ToString());
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BrowserTokenLogin));
        if (role is null)
        {
            logger.LogWarning("Refused a browser token login from {Remote}", context.Connection.RemoteIpAddress);
            context.Response.Redirect($"{context.Request.PathBase}/login?failed=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
            return;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, role == DashboardRoles.Admin ? "token holder" : "viewer token holder"),
                new Claim(ClaimTypes.Role, role),
                new Claim(DashboardRoles.AuthMethodClaim, "browser-token"),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true });
        logger.LogInformation("{Role} signed in with a browser token from {Remote}", role, context.Connection.RemoteIpAddress);
        context.Response.Redirect(WithPathBase(context.Request.PathBase, returnUrl));
    });

    // The cookie challenge's ReturnUrl already carries the path base; a hand-written one may not.
    private static string WithPathBase(PathString pathBase, string returnUrl) =>
        !pathBase.HasValue || new PathString(returnUrl.Split('?')[0]).StartsWithSegments(pathBase) ? returnUrl : pathBase + returnUrl;

    /// <summary>Only app-relative paths: an open redirect would turn the login link into a phishing tool.</summary>
    internal static string LocalReturnUrl(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || !candidate.StartsWith('/') || candidate.StartsWith("//", StringComparison.Ordinal) || candidate.StartsWith("/\\", StringComparison.Ordinal))
        {
            return "/";
        }

        return candidate;
    }
}
