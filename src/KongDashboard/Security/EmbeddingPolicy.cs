namespace KongDashboard.Security;

/// <summary>Who may frame the dashboard (Dashboard:FrameAncestors) and the cookie mode that follows from it.</summary>
public sealed class EmbeddingPolicy
{
    public EmbeddingPolicy(DashboardSecuritySettings settings)
    {
        var sources = (settings.FrameAncestors ?? "")
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s != "'self'")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        AllowsPortals = sources.Count > 0;
        FrameAncestors = string.Join(' ', ["'self'", .. sources]);
        CrossSiteCookies = settings.CrossSiteCookies ?? AllowsPortals;
    }

    /// <summary>The CSP frame-ancestors value, always starting with 'self'.</summary>
    public string FrameAncestors { get; }

    public bool AllowsPortals { get; }

    /// <summary>SameSite=None; Secure on the dashboard's cookies so they are sent inside a cross-site portal's iframe.</summary>
    public bool CrossSiteCookies { get; }

    public void Apply(CookieBuilder cookie)
    {
        if (CrossSiteCookies)
        {
            cookie.SameSite = SameSiteMode.None;
            cookie.SecurePolicy = CookieSecurePolicy.Always;
        }
    }
}
