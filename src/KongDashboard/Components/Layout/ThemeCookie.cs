namespace KongDashboard.Components.Layout;

/// <summary>The cookie that remembers the user's light/dark choice ("light" or "dark"; absent = follow the OS once).</summary>
public static class ThemeCookie
{
    public const string Name = "kd-theme";
}
