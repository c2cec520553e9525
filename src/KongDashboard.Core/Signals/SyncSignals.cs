using System.Collections.Immutable;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Sync;

namespace KongDashboard.Core.Signals;

/// <summary>KIC's signals for config sync (kong_client.go): metrics for every push, Events on failures and fallbacks.</summary>
public sealed class SyncSignals(string instanceId, EventRecorder? events, ObjectRef? controllerPod) : ISyncListener
{
    public void PushCompleted(GatewayEndpoint gateway, PushRecord record)
    {
        ControllerMetrics.RecordPush(instanceId, gateway, record);
        if (controllerPod is null || events is null)
        {
            return;
        }

        var (reason, succeeded) = (record.Kind, record.Success) switch
        {
            (PayloadKind.Fallback, true) => ("FallbackKongConfigurationSucceeded", true),
            (PayloadKind.Fallback, false) => ("FallbackKongConfigurationApplyFailed", false),
            (_, true) => ("KongConfigurationSucceeded", true),
            _ => ("KongConfigurationApplyFailed", false),
        };
        if (succeeded)
        {
            events.Normal(controllerPod, reason, $"successfully applied Kong configuration to {gateway.AdminUrl}");
        }
        else
        {
            events.Warning(controllerPod, reason, $"failed to apply Kong configuration to {gateway.AdminUrl}: {record.Summary}");
        }
    }

    public void ConfigRejected(GatewayEndpoint gateway, ConfigPayload payload, ImmutableArray<KongRejection> rejections)
    {
        foreach (var rejection in rejections.Where(r => r.Object is not null))
        {
            events?.Warning(rejection.Object!, payload.Kind == PayloadKind.Fallback ? "FallbackKongConfigurationApplyFailed" : "KongConfigurationApplyFailed", rejection.Message);
        }
    }

    public void FallbackTriggered(FallbackReport report)
    {
        ControllerMetrics.FallbackTranslationCount.WithLabels("true", instanceId).Inc();
    }

    /// <summary>One Warning per (failure × causing object), like KIC's recordResourceFailureEvents.</summary>
    public void TranslationFailures(IEnumerable<(ObjectRef Object, string Message)> failures)
    {
        foreach (var (involved, message) in failures)
        {
            events?.Warning(involved, "KongConfigurationTranslationFailed", message);
        }
    }
}
