using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KongDashboard.Security;

/// <summary>
/// The BrowserToken mode's secrets. The admin token is whoever can read this process's log or configuration, i.e.
/// whoever can port-forward to or exec into the pod: that access is already cluster access, so the holder is Admin.
/// The optional viewer token signs in read-only users.
/// </summary>
public sealed class BrowserTokens
{
    public BrowserTokens(IOptions<DashboardSecuritySettings> settings)
    {
        var auth = settings.Value.Auth;
        AdminToken = string.IsNullOrWhiteSpace(auth.BrowserToken) ? Generate() : auth.BrowserToken;
        ViewerToken = string.IsNullOrWhiteSpace(auth.ViewerToken) ? null : auth.ViewerToken;
    }

    public string AdminToken { get; }

    public string? ViewerToken { get; }

    /// <summary>The role the token grants, or null; constant-time with respect to the token's content.</summary>
    public string? RoleFor(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return null;
        }

        // Evaluate both comparisons always, so timing says nothing about which (if any) matched.
        var admin = Matches(candidate, AdminToken);
        var viewer = ViewerToken is not null && Matches(candidate, ViewerToken);
        return admin ? DashboardRoles.Admin : viewer ? DashboardRoles.Viewer : null;
    }

    // Hashing first makes the compared lengths equal, so FixedTimeEquals leaks neither content nor length.
    private static bool Matches(string candidate, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
