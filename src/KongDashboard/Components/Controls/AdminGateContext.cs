namespace KongDashboard.Components.Controls;

/// <summary>Whether the current user may run admin actions, and the reason shown when not.</summary>
public sealed record AdminGateContext(bool Allowed, string? Reason)
{
    public static readonly AdminGateContext Admin = new(true, null);

    /// <summary>No authentication state (yet): deny until the user is known.</summary>
    public static readonly AdminGateContext Checking = new(false, "Checking your role…");
}
