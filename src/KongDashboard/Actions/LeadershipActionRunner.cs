using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.Core.Leadership;
using KongDashboard.Hosting;

namespace KongDashboard.Actions;

/// <summary>
/// Leadership actions. A hand-off is a request written on the Lease (annotations), exactly what
/// `kubectl annotate lease` would write; the leader carries it out and records the outcome there.
/// </summary>
internal static class LeadershipActionRunner
{
    /// <summary>Who acts when no signed-in user is known (e.g. actions run by the app itself).</summary>
    public const string DefaultUser = "dashboard";

    public static async Task<ActionOutcome> HandOffAsync(ControllerHost host, string target, string user, CancellationToken cancellationToken)
    {
        if (host.Instance?.Elector is not { } elector)
        {
            return new ActionOutcome(false, $"Leader election is off: {host.Instance?.State.Current.Leadership.DisabledReason ?? "no controller replica"}.");
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            return new ActionOutcome(false, "Choose a candidate, or \"any\".");
        }

        var options = elector.Options;
        using var client = host.Runtime.CreateClient();
        try
        {
            await LeaseAnnotations.RequestHandOffAsync(client, options.Namespace, options.LeaseName, target, user, DateTimeOffset.UtcNow, cancellationToken);
        }
        catch (HttpOperationException e)
        {
            return new ActionOutcome(false, $"Could not write the hand-off request on Lease {options.Namespace}/{options.LeaseName}: HTTP {(int)e.Response.StatusCode}.");
        }

        return new ActionOutcome(true, $"Asked the leader to hand over to {target} (Lease {options.Namespace}/{options.LeaseName}).");
    }
}
