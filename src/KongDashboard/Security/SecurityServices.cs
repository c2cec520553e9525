using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;

namespace KongDashboard.Security;

/// <summary>Registers authentication (per Dashboard:Auth:Mode), roles, forwarded headers and embedding.</summary>
public static class SecurityServices
{
    public const string CookieName = ".KongDashboard.Auth";

    public static WebApplicationBuilder AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DashboardSecuritySettings.Section);
        var settings = section.Get<DashboardSecuritySettings>() ?? new DashboardSecuritySettings();
        var services = builder.Services;
        services.Configure<DashboardSecuritySettings>(section);
        var proxies = ProxyNetworks.Parse(settings.KnownProxies);
        var embedding = new EmbeddingPolicy(settings);
        _ = DashboardHostFiltering.AllowedHosts(settings); // a bad entry fails start-up, not every request
        services.AddSingleton(proxies);
        services.AddSingleton(embedding);
        services.AddSingleton<BrowserTokens>();
        services.AddHttpContextAccessor();

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
            // Only the configured proxies: never the framework's loopback defaults, never "anyone".
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in proxies.Networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });

        // frame-ancestors (our CSP) decides who may frame us; antiforgery's X-Frame-Options would block every portal.
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = ".KongDashboard.Antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure over https, also behind a trusted proxy
            o.SuppressXFrameOptionsHeader = embedding.AllowsPortals;
            embedding.Apply(o.Cookie);
        });

        AddAuthentication(builder, settings, embedding);
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardRoles.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Admin))
            // Everything not explicitly anonymous (health, login, static assets) needs a signed-in user:
            // endpoints added later (debug, API, hubs, the Blazor hub) are protected by default.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new SignedInOrStaticAsset()).Build());
        services.AddSingleton<IAuthorizationHandler, SignedInOrStaticAssetHandler>();
        services.AddCascadingAuthenticationState();
        if (settings.Auth.Mode == AuthMode.BrowserToken)
        {
            services.AddHostedService<LoginUrlAnnouncer>();
        }

        return builder;
    }

    private static void AddAuthentication(WebApplicationBuilder builder, DashboardSecuritySettings settings, EmbeddingPolicy embedding)
    {
        var auth = settings.Auth;
        switch (auth.Mode)
        {
            case AuthMode.Unsecured:
                builder.Services.AddAuthentication(UnsecuredAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, UnsecuredAuthenticationHandler>(UnsecuredAuthenticationHandler.SchemeName, null);
                break;
            case AuthMode.TrustedHeader:
                if (ProxyNetworks.Parse(settings.KnownProxies).IsEmpty)
                {
                    throw new InvalidOperationException("Dashboard:Auth:Mode=TrustedHeader needs Dashboard:KnownProxies (the authenticating proxy's IPs or CIDRs).");
                }

                builder.Services.AddAuthentication(TrustedHeaderAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TrustedHeaderAuthenticationHandler>(TrustedHeaderAuthenticationHandler.SchemeName, null);
                break;
            case AuthMode.OpenIdConnect:
                builder.Services.AddAuthentication(o =>
                    {
                        o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                        o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                    })
                    .AddCookie(o => ConfigureCookie(o, embedding, TimeSpan.FromHours(8)))
                    .AddOpenIdConnect(o => OidcSetup.Configure(o, auth));
                builder.Services.AddTransient<IClaimsTransformation, GroupRoleClaimsTransformation>();
                break;
            default:
                builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                    .AddCookie(o => ConfigureCookie(o, embedding, TimeSpan.FromDays(3)));
                break;
        }
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options, EmbeddingPolicy embedding, TimeSpan lifetime)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request is https, directly or as X-Forwarded-Proto from a known proxy says.
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        embedding.Apply(options.Cookie);
        options.ExpireTimeSpan = lifetime;
        options.SlidingExpiration = true;
        options.LoginPath = "/login";
        options.AccessDeniedPath = "/login";
        options.Events.OnRedirectToLogin = context =>
        {
            // Pages redirect to the login page; APIs, hubs and scrapers get a plain 401.
            if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect(context.RedirectUri);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }

            return Task.CompletedTask;
        };
    }
}
