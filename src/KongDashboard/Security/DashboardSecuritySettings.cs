namespace KongDashboard.Security;

/// <summary>Access, hosting and embedding: <c>Dashboard:*</c> in configuration.</summary>
public sealed class DashboardSecuritySettings
{
    public const string Section = "Dashboard";

    public AuthSettings Auth { get; set; } = new();

    /// <summary>Serve under this sub-path (the ingress keeps the prefix), e.g. "/kong-dashboard".</summary>
    public string? PathBase { get; set; }

    /// <summary>Comma-separated IPs or CIDR networks whose X-Forwarded-* (and trusted auth headers) are believed.</summary>
    public string? KnownProxies { get; set; }

    /// <summary>
    /// Comma-separated host names (or *.domain patterns) browsers may use to reach the dashboard directly, besides
    /// localhost; IP addresses and requests through Dashboard:KnownProxies are always accepted. "*" turns the check off.
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>Comma-separated extra origins allowed to open the Blazor circuit and the state hub (besides the app's own).</summary>
    public string? AllowedOrigins { get; set; }

    /// <summary>CSP frame-ancestors sources, space or comma separated; default <c>'self'</c> only.</summary>
    public string? FrameAncestors { get; set; }

    /// <summary>
    /// Cookies with SameSite=None; Secure, needed when a cross-site portal embeds the dashboard.
    /// Default: on as soon as <see cref="FrameAncestors"/> allows anything besides 'self'.
    /// </summary>
    public bool? CrossSiteCookies { get; set; }

    public MetricsSettings Metrics { get; set; } = new();

    public AuditSettings Audit { get; set; } = new();
}

public sealed class MetricsSettings
{
    /// <summary>Let Prometheus scrape /metrics without signing in (metrics carry no secrets; off by default).</summary>
    public bool AllowAnonymous { get; set; }
}

public sealed class AuditSettings
{
    /// <summary>How many entries the Audit page keeps in memory.</summary>
    public int Capacity { get; set; } = 500;
}

public enum AuthMode
{
    BrowserToken,
    OpenIdConnect,
    TrustedHeader,
    Unsecured,
}

public sealed class AuthSettings
{
    public AuthMode Mode { get; set; } = AuthMode.BrowserToken;

    /// <summary>The admin login token; a random one per process when empty.</summary>
    public string? BrowserToken { get; set; }

    /// <summary>An optional second token that signs in read-only viewers.</summary>
    public string? ViewerToken { get; set; }

    /// <summary>Comma-separated groups (or role claim values) that make a user Admin; everyone else is a Viewer.</summary>
    public string? AdminGroups { get; set; }

    /// <summary>The claim carrying groups/roles (OIDC); TrustedHeader groups are stored under it too.</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>The role of everyone in Unsecured mode (Admin by default: it is for local runs).</summary>
    public string UnsecuredRole { get; set; } = DashboardRoles.Admin;

    public OidcSettings OpenIdConnect { get; set; } = new();

    public TrustedHeaderSettings TrustedHeader { get; set; } = new();
}

public sealed class OidcSettings
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Space or comma separated; "openid profile" are always requested.</summary>
    public string Scopes { get; set; } = "openid profile email groups";

    /// <summary>The claim shown as the user's name.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    public bool RequireHttpsMetadata { get; set; } = true;

    public string CallbackPath { get; set; } = "/signin-oidc";
}

public sealed class TrustedHeaderSettings
{
    public string UserHeader { get; set; } = "X-Forwarded-User";

    public string GroupsHeader { get; set; } = "X-Forwarded-Groups";
}
