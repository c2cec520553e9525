using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KongDashboard.Security;

/// <summary>
/// TrustedHeader mode: an authenticating proxy (oauth2-proxy, Kong's OIDC plugin…) names the user and groups in
/// headers. Believed only when the TCP peer is in Dashboard:KnownProxies; from anywhere else the headers are ignored.
/// </summary>
public sealed class TrustedHeaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<DashboardSecuritySettings> settings,
    ProxyNetworks proxies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TrustedHeader";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var auth = settings.Value.Auth;
        var user = Request.Headers[auth.TrustedHeader.UserHeader].ToString();
        if (string.IsNullOrWhiteSpace(user))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var peer = Context.Features.Get<ProxyPeer>()?.Address ?? Context.Connection.RemoteIpAddress;
        if (!proxies.Contains(peer))
        {
            Logger.LogWarning("Ignoring {Header} from {Peer}: not in Dashboard:KnownProxies", auth.TrustedHeader.UserHeader, peer);
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user),
            new(DashboardRoles.AuthMethodClaim, "trusted-header"),
        };
        var groups = Request.Headers[auth.TrustedHeader.GroupsHeader].ToString()
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        claims.AddRange(groups.Select(g => new Claim(auth.RoleClaim, g)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        principal.Identities.First().AddClaim(new Claim(ClaimTypes.Role, DashboardRoles.FromGroups(principal, auth)));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
