using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KongDashboard.Security;

/// <summary>
/// <c>POST /logout</c> with an antiforgery token (a cross-site page cannot sign the user out): ends the cookie session
/// and returns to the login page. Only the cookie modes have a session to end.
/// </summary>
public static class SignOut
{
    public const string Path = "/logout";

    public static bool HasSession(AuthMode mode) => mode is AuthMode.BrowserToken or AuthMode.OpenIdConnect;

    public static void MapDashboardSignOut(this WebApplication app, AuthMode mode)
    {
        if (!HasSession(mode))
        {
            return;
        }

        app.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect($"{context.Request.PathBase}/login");
        });
    }
}

/// <summary>What the app bar's Sign out form posts: the antiforgery field name and request token.</summary>
public sealed record SignOutForm(string FieldName, string RequestToken);
