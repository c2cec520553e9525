namespace KongDashboard.Security;

/// <summary>
/// Where the login may send a browser afterwards: local paths only, judged the way a browser will read them
/// (ASP.NET's <c>Url.IsLocalUrl</c> rules, stricter). An open redirect would turn the login link into a phishing tool.
/// </summary>
public static class ReturnUrls
{
    /// <summary>True for "/", "/translation?tab=x"…; false for "//host", "/\host", "/\t/host", "https:…", anything with control characters.</summary>
    public static bool IsLocal(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || HasControlCharacters(candidate))
        {
            return false;
        }

        // Judge the raw text and its percent-decoded form: browsers strip tabs/newlines and treat '\' as '/'.
        var decoded = Uri.UnescapeDataString(candidate);
        return IsPlainLocalPath(candidate) && IsPlainLocalPath(decoded) && !HasControlCharacters(decoded);
    }

    /// <summary>A returnUrl with control characters on /login is a malformed request (400), not a redirect to build.</summary>
    public static IApplicationBuilder UseReturnUrlCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/login", StringComparison.OrdinalIgnoreCase)
            && context.Request.Query["returnUrl"].Any(v => v is not null && HasControlCharacters(v)))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    });

    /// <summary>The candidate when it is local, else "/".</summary>
    public static string Local(string? candidate) => IsLocal(candidate) ? candidate! : "/";

    /// <summary>CR, LF, tab and the other C0/C1 controls: never part of a URL we emit (a CR/LF would split the Location header).</summary>
    public static bool HasControlCharacters(string value) => value.Any(char.IsControl);

    /// <summary>The path as the browser must request it: the cookie challenge's ReturnUrl already carries the path base, a hand-written one may not.</summary>
    public static string WithPathBase(PathString pathBase, string returnUrl) =>
        !pathBase.HasValue || new PathString(returnUrl.Split('?')[0]).StartsWithSegments(pathBase) ? returnUrl : pathBase + returnUrl;

    private static bool IsPlainLocalPath(string url) =>
        url.StartsWith('/')
        && !url.Contains('\\', StringComparison.Ordinal)
        && (url.Length == 1 || url[1] != '/')
        && !url.Any(char.IsWhiteSpace)
        // Resolved against any origin, it must stay on that origin.
        && Uri.TryCreate(new Uri("http://local.invalid"), url, out var resolved)
        && resolved.Host == "local.invalid" && resolved.Scheme == Uri.UriSchemeHttp && resolved.IsDefaultPort;
}
