namespace KongDashboard.Audit;

internal static class AuditText
{
    public static string Describe(AuditEntry e) =>
        $"{e.User} ({e.Role}) from {e.RemoteAddress ?? "unknown address"}: {e.Action} on {e.Target} → {e.Result}: {e.Message}";
}
