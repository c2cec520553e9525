using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KongDashboard.Hosting;

/// <summary>Plugs the embedded demo cluster into the dashboard through its one seam, <see cref="IClusterHosting"/>.</summary>
public static class DemoComposition
{
    /// <summary>
    /// Decided when the services are built (test hosts add their settings after Program runs): the embedded cluster
    /// with <c>Cluster:Mode=Embedded</c>, or with Auto when no real cluster is found; otherwise the product's hosting.
    /// </summary>
    public static WebApplicationBuilder AddEmbeddedDemoCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddedClusterSettings>()
            .Bind(builder.Configuration.GetSection("Cluster:Embedded"))
            .PostConfigure<IConfiguration>((settings, configuration) =>
                settings.ContainerStartDelay = configuration.GetValue("Controller:ContainerStartDelay", settings.ContainerStartDelay));
        builder.Services.AddOptions<KongSettings>().PostConfigure<IConfiguration>((kong, configuration) =>
        {
            if (RunsEmbedded(configuration))
            {
                var embedded = configuration.GetSection("Cluster:Embedded").Get<EmbeddedClusterSettings>() ?? new EmbeddedClusterSettings();
                if (embedded.Topology == EmbeddedTopology.Sidecar)
                {
                    // As deploy/overlays/sidecar: only this pod's Kong, no discovery and no kong-gateway Deployment.
                    // Static Admin URLs are what turns leader election off (LeaderElectionPolicy); each replica's
                    // localhost is mapped to its pod's own address when the replica starts (EmbeddedReplicaKong).
                    kong.AdminUrls ??= EmbeddedReplicaKong.SidecarAdminUrl;
                    return;
                }

                kong.AdminService ??= EmbeddedClusterSettings.KongAdminService;
                kong.Deployment ??= EmbeddedClusterSettings.KongDeployment;
                // One setting starts the demo in DB mode: the embedded Kong's database is the controller's Kong:Database.
                kong.Database ??= embedded.EffectiveKongDatabase;
            }
        });
        builder.Services.AddSingleton<EmbeddedClusterHosting>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IClusterHosting>(sp => RunsEmbedded(sp.GetRequiredService<IConfiguration>())
            ? sp.GetRequiredService<EmbeddedClusterHosting>()
            : ActivatorUtilities.CreateInstance<KubernetesClusterHosting>(sp)));
        return builder;
    }

    /// <summary><c>Cluster:Mode</c> Embedded, or Auto (the default) with no cluster to be found.</summary>
    public static bool RunsEmbedded(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cluster");
        if (string.Equals(section["Mode"], "Embedded", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var settings = section.Get<ClusterSettings>() ?? new ClusterSettings();
        return settings.Mode == ClusterModeSetting.Auto && ClusterRuntime.FindCluster(settings) is null;
    }
}
