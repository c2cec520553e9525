using System.Security.Claims;

namespace KongDashboard.Security;

/// <summary>Two roles: Viewers read everything the UI shows; Admins may also run actions (resync, hand-off, crash, simulation).</summary>
public static class DashboardRoles
{
    public const string Admin = "Admin";
    public const string Viewer = "Viewer";

    public const string AdminPolicy = "DashboardAdmin";

    /// <summary>Claim recording how the user signed in (token, oidc, trusted-header, unsecured).</summary>
    public const string AuthMethodClaim = "kong-dashboard/auth";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Admin);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "(unnamed)" : "anonymous";

    /// <summary>Admin when any group/role claim value is an admin group; Viewer otherwise.</summary>
    public static string FromGroups(ClaimsPrincipal user, AuthSettings settings)
    {
        var admins = Split(settings.AdminGroups);
        var groups = user.FindAll(settings.RoleClaim).SelectMany(c => SplitClaim(c.Value));
        return groups.Any(admins.Contains) ? Admin : Viewer;
    }

    public static HashSet<string> Split(string? value) =>
        (value ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    // Some providers put a JSON array into one claim (Aspire #7326); accept it as well as one value per claim.
    private static IEnumerable<string> SplitClaim(string value) =>
        value.StartsWith('[')
            ? value.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.Trim('"'))
            : [value];
}
