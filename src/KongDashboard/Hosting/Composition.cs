using KongDashboard.Api;
using KongDashboard.Audit;
using KongDashboard.Core.Controller;
using KongDashboard.Hubs;
using KongDashboard.Security;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace KongDashboard.Hosting;

/// <summary>The composition root: controller core, cluster connection (<see cref="IClusterHosting"/>), UI and endpoints.</summary>
public static class Composition
{
    public static WebApplicationBuilder AddKongDashboard(this WebApplicationBuilder builder)
    {
        UseRepositorySettings(builder.Configuration);
        builder.WebHost.UseStaticWebAssets();

        builder.Services.Configure<ClusterSettings>(builder.Configuration.GetSection("Cluster"));
        builder.Services.Configure<ControllerSettings>(builder.Configuration.GetSection("Controller"));
        builder.Services.AddOptions<KongSettings>().Bind(builder.Configuration.GetSection("Kong")).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KongSettings>, KongSettingsValidator>();
        builder.Services.Configure<ElectionSettings>(builder.Configuration.GetSection("Controller"));
        builder.Services.AddOptions<ElectionSettings>().PostConfigure<IOptions<KongSettings>>((election, kong) => election.KongDatabase ??= kong.Value.Database);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ControllerHost.ShutdownBudget);
        // The one seam: a real cluster unless something (the demo) registers another hosting first or replaces this one.
        builder.Services.TryAddSingleton<IClusterHosting, KubernetesClusterHosting>();
        builder.Services.AddSingleton<ControllerHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ControllerHost>());
        builder.Services.AddSingleton<IStateFeed<ControllerState>>(sp => sp.GetRequiredService<ControllerHost>().Feed);
        builder.Services.AddSingleton<KongDashboard.Core.Events.IObjectEventSource, ApiServerObjectEvents>();
        builder.Services.AddScoped<KongDashboard.Actions.IDashboardActions, KongDashboard.Actions.DashboardActions>();
        builder.Services.AddDashboardUi();
        builder.AddSharedKeyRing();
        builder.AddDashboardSecurity();
        builder.AddDashboardAudit();
        builder.AddDashboardHubs();
        return builder;
    }

    public static WebApplication UseKongDashboard(this WebApplication app)
    {
        app.UseDashboardHosting();
        app.UseDashboardSecurity();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapDiagnostics();
        app.MapDashboardApi();
        app.MapDashboardHubs();
        app.MapDashboardUi();
        return app;
    }

    private static void MapHealthEndpoints(this WebApplication app)
    {
        // Probes never authenticate; everything else needs a signed-in user (the fallback policy).
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        app.MapGet("/readyz", (ControllerHost host) => host.Ready
            ? Results.Text("ok")
            : Results.Text("caches not synced", statusCode: StatusCodes.Status503ServiceUnavailable)).AllowAnonymous();
    }

    /// <summary>/metrics is behind auth unless Dashboard:Metrics:AllowAnonymous opts Prometheus scraping out of it.</summary>
    private static void MapMetricsEndpoint(this WebApplication app)
    {
        var metrics = app.MapMetrics();
        if (app.Services.GetRequiredService<IOptions<DashboardSecuritySettings>>().Value.Metrics.AllowAnonymous)
        {
            metrics.AllowAnonymous();
        }
    }

    /// <summary>
    /// The design card keeps appsettings.json at the repository root; it is copied next to the binary. Load it with
    /// the precedence of a normal appsettings.json: above the defaults, below environment variables and arguments.
    /// (When the content root is the output folder the file is read twice, with the same values.)
    /// </summary>
    private static void UseRepositorySettings(ConfigurationManager configuration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var index = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        configuration.Sources.Insert(index < 0 ? configuration.Sources.Count : index, source);
    }
}
