using KongDashboard.Core.Controller;

namespace KongDashboard.Api;

/// <summary>The read-only JSON API for portals: <c>/api/v1/{status,translation,gateways,leadership,autoscaling}</c>.</summary>
public static class DashboardApi
{
    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        // Behind the same authentication as the pages (the fallback policy also covers it; stated here for readers).
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        foreach (var (name, shape) in StateShapes.Sections)
        {
            api.MapGet($"/{name}", (IStateFeed<ControllerState> feed) => Results.Json(shape(feed.Current)));
        }

        api.MapGet("/", () => Results.Json(new { sections = StateShapes.Sections.Keys, hub = "hubs/state" }));
        return app;
    }
}
