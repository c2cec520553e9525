namespace KongDashboard.Web.Tests.Browser;

/// <summary>An extra app with its own settings (auth mode, path base, portals) for one test; disposed with it.</summary>
public static class AppUnderTest
{
    public static DashboardAppFactory Start(params (string Key, string? Value)[] settings)
    {
        var app = new DashboardAppFactory(settings.ToDictionary(s => s.Key, s => s.Value));
        _ = app.RootUri; // start Kestrel now
        return app;
    }
}
