using Microsoft.AspNetCore.Authorization;

namespace KongDashboard.Security;

/// <summary>The fallback requirement: a signed-in user, except for static files (CSS, fonts, icons carry no data).</summary>
public sealed class SignedInOrStaticAsset : IAuthorizationRequirement;

public sealed class SignedInOrStaticAssetHandler : AuthorizationHandler<SignedInOrStaticAsset>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignedInOrStaticAsset requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true
            || (context.Resource is HttpContext http && http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
