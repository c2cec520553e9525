using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KongDashboard.Security;

/// <summary>OpenIdConnect: maps the configured group/role claim to Admin or Viewer on every authentication.</summary>
public sealed class GroupRoleClaimsTransformation(IOptions<DashboardSecuritySettings> settings) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == DashboardRoles.AuthMethodClaim))
        {
            return Task.FromResult(principal);
        }

        var role = DashboardRoles.FromGroups(principal, settings.Value.Auth);
        // Our own identity, so role claims the provider sends itself never count (only the configured groups do).
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, role), new Claim(DashboardRoles.AuthMethodClaim, "oidc")]);
        var copy = principal.Clone();
        copy.AddIdentity(identity);
        return Task.FromResult(copy);
    }
}
