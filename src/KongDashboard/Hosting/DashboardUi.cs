using KongDashboard.Components;
using KongDashboard.Logs;
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
        // The session's time-format setting (local or UTC), one per circuit.
        services.TryAddScoped<KongDashboard.Components.Controls.TimeDisplay>();
        // The Logs page: this process's own log in a bounded ring, scrubbed of secrets as each line is kept.
        // TryAdd: a second call must not log every line twice.
        services.TryAddSingleton(_ => new LogBuffer());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BufferLoggerProvider>());
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
