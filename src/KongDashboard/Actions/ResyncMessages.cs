using KongDashboard.Components.Sync;
using KongDashboard.Core.Sync;
using MudBlazor;

namespace KongDashboard.Actions;

/// <summary>
/// What a resync ended in, for the toast that follows "resync started": the push it triggered applied (with the
/// configuration hash Kong reported), was rejected or failed (with the reason, Secret values redacted), or never came.
/// </summary>
public static class ResyncMessages
{
    public static (string Text, Severity Severity) Finished(GatewayStatus gateway, PushRecord push)
    {
        var name = gateway.Pod?.Name ?? gateway.AdminUrl.Authority;
        return push.Success
            ? ($"Resync of {name} finished: applied config {push.KongHash ?? push.Sha}", Severity.Success)
            : ($"Resync of {name} failed: {SecretText.Redact(push.Summary)}", Severity.Error);
    }

    public static (string Text, Severity Severity) Gone(string gatewayId) =>
        ($"Resync of {gatewayId} failed: the gateway is no longer discovered (its pod is gone or not ready).", Severity.Error);

    public static (string Text, Severity Severity) NoPush(GatewayStatus gateway, TimeSpan waited) =>
        ($"Resync of {gateway.Pod?.Name ?? gateway.AdminUrl.Authority}: no push seen within {waited.TotalSeconds:0} s (it may have been coalesced with another).", Severity.Warning);
}
