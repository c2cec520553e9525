using KongDashboard.Components;
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
        // Unknown pages (404) are re-executed as /not-found by the hosting pipeline (SecurityPipeline), before routing.
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
