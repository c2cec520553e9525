namespace KongDashboard.Hubs;

public static class HubServices
{
    public static WebApplicationBuilder AddDashboardHubs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<StateBroadcaster>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StateBroadcaster>());
        return builder;
    }

    public static WebApplication MapDashboardHubs(this WebApplication app)
    {
        app.MapHub<StateHub>(StateHub.Path);
        return app;
    }
}
