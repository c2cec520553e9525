using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KongDashboard.Security;

/// <summary>
/// BrowserToken sign-in. The login form POSTs the token with an antiforgery token, so a cross-site page can neither
/// force a sign-in nor swap an Admin session for a Viewer one, and the token never enters a URL. The printed link
/// <c>GET /login?t=TOKEN[&amp;returnUrl=…]</c> keeps working: followed directly (not from another site), its token is
/// exchanged once for the session cookie and the browser is redirected to a clean URL. A bad token redirects to the
/// login page with <c>failed=1</c> and without the token (never echoed back).
/// </summary>
public static class BrowserTokenLogin
{
    public static IApplicationBuilder UseBrowserTokenLogin(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
        }
        else if (HttpMethods.IsPost(request.Method))
        {
            await FormAsync(context);
        }
        else if (HttpMethods.IsGet(request.Method) && request.Query.TryGetValue("t", out var token))
        {
            await LinkAsync(context, token.ToString());
        }
        else
        {
            await next(context);
        }
    });

    private static async Task FormAsync(HttpContext context)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            Logger(context).LogWarning("Refused a login form without a valid antiforgery token from {Remote}", context.Connection.RemoteIpAddress);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var form = await context.Request.ReadFormAsync();
        await SignInAsync(context, form["t"].ToString(), form["returnUrl"].ToString());
    }

    private static async Task LinkAsync(HttpContext context, string token)
    {
        var returnUrl = ReturnUrlOf(context.Request.Query);
        // Sec-Fetch-Site: "none" when the user opened the link (terminal, address bar); "cross-site" when a page sent it.
        var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site is { Length: > 0 } && site != "none" && site != "same-origin")
        {
            Logger(context).LogWarning("Ignored a login link sent by another site ({Site}) from {Remote}", site, context.Connection.RemoteIpAddress);
            context.Response.Redirect($"{context.Request.PathBase}/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return;
        }

        await SignInAsync(context, token, returnUrl);
    }

    private static async Task SignInAsync(HttpContext context, string token, string? candidateReturnUrl)
    {
        var returnUrl = ReturnUrls.Local(candidateReturnUrl);
        var role = context.RequestServices.GetRequiredService<BrowserTokens>().RoleFor(token);
        if (role is null)
        {
            Logger(context).LogWarning("Refused a browser token login from {Remote}", context.Connection.RemoteIpAddress);
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
        Logger(context).LogInformation("{Role} signed in with a browser token from {Remote}", role, context.Connection.RemoteIpAddress);
        context.Response.Redirect(ReturnUrls.WithPathBase(context.Request.PathBase, returnUrl));
    }

    // Matched case-insensitively, so it also picks up the cookie challenge's "ReturnUrl".
    private static string ReturnUrlOf(IQueryCollection query) => ReturnUrls.Local(query["returnUrl"].ToString());

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BrowserTokenLogin));
}
