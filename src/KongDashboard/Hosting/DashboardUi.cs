using KongDashboard.Components;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace KongDashboard.Hosting;

/// <summary>Registers and maps the Blazor Server UI; the composition root calls these two and nothing else UI-related.</summary>
public static class DashboardUi
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        // Relative times ("2 s ago") read the clock through TimeProvider so tests can pin it.
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        // Browsers asking for an unknown page get the Blazor shell, whose router shows the NotFound page;
        // API clients keep their plain 404.
        // (Not via UseWhen: re-execution from a branch pipeline loses the endpoint routing and serves an empty 404.)
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            return next(context);
        });
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
