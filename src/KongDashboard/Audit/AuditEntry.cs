namespace KongDashboard.Audit;

/// <summary>One admin action attempt: who, what, on which target, when, from where, and how it ended.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string User,
    string Role,
    string Action,
    string Target,
    string? RemoteAddress,
    AuditResult Result,
    string Message);

public enum AuditResult
{
    Succeeded,
    Failed,

    /// <summary>Not carried out: the caller is not an Admin.</summary>
    Refused,
}
