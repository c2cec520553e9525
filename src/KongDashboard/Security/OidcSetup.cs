using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KongDashboard.Security;

/// <summary>Authorization code flow with PKCE against Dashboard:Auth:OpenIdConnect:*; groups come from the RoleClaim.</summary>
internal static class OidcSetup
{
    public static void Configure(OpenIdConnectOptions options, AuthSettings auth)
    {
        var oidc = auth.OpenIdConnect;
        if (string.IsNullOrWhiteSpace(oidc.Authority) || string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            throw new InvalidOperationException("Dashboard:Auth:Mode=OpenIdConnect needs Dashboard:Auth:OpenIdConnect:Authority and :ClientId.");
        }

        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.SaveTokens = false; // the dashboard never calls anything with the user's tokens
        options.GetClaimsFromUserInfoEndpoint = true;
        options.MapInboundClaims = false; // keep "groups", "preferred_username" as the provider names them
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.CallbackPath = oidc.CallbackPath;
        options.SkipUnrecognizedRequests = true;
        options.TokenValidationParameters.NameClaimType = oidc.NameClaim;
        options.Scope.Clear();
        foreach (var scope in DashboardRoles.Split("openid profile " + oidc.Scopes))
        {
            options.Scope.Add(scope);
        }

        // Group arrays from the userinfo endpoint become one claim per group.
        options.ClaimActions.MapJsonKey(auth.RoleClaim, auth.RoleClaim);
    }
}
