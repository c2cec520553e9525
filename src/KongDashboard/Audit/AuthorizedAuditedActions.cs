using KongDashboard.Actions;
using KongDashboard.Security;

namespace KongDashboard.Audit;

/// <summary>
/// Wraps the real <see cref="IDashboardActions"/>: re-checks on the server that the caller is an Admin (the UI only
/// hides/disables), and audits every attempt (log, Kubernetes Event, Audit page), refused ones included.
/// </summary>
public sealed class AuthorizedAuditedActions(
    IDashboardActions inner,
    ActionCaller caller,
    AuditLog log,
    AuditEventWriter events,
    TimeProvider clock,
    ILogger<AuthorizedAuditedActions> logger) : IDashboardActions
{
    public async Task<ActionOutcome> RunAsync(DashboardAction action, CancellationToken cancellationToken = default)
    {
        var user = caller.User;
        var role = user.IsAdmin() ? DashboardRoles.Admin : DashboardRoles.Viewer;
        ActionOutcome outcome;
        AuditResult result;
        if (user.Identity?.IsAuthenticated != true || !user.IsAdmin())
        {
            outcome = new ActionOutcome(false, $"Refused: {action.Name} needs the Admin role; {user.DisplayName()} is a Viewer.");
            result = AuditResult.Refused;
        }
        else
        {
            try
            {
                outcome = await inner.RunAsync(action, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Record(action, user.DisplayName(), role, AuditResult.Failed, ex.Message);
                throw;
            }

            result = outcome.Succeeded ? AuditResult.Succeeded : AuditResult.Failed;
        }

        Record(action, user.DisplayName(), role, result, outcome.Message);
        return outcome;
    }

    private void Record(DashboardAction action, string user, string role, AuditResult result, string message)
    {
        var entry = new AuditEntry(clock.GetUtcNow(), user, role, action.Name, action.Target, caller.RemoteAddress, result, message);
        logger.LogInformation(
            "Audit: {User} ({Role}) from {RemoteAddress} ran {Action} on {Target}: {Result} ({Message})",
            entry.User, entry.Role, entry.RemoteAddress, entry.Action, entry.Target, entry.Result, entry.Message);
        log.Add(entry);
        events.Enqueue(entry);
    }
}
