using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>GatewayClass status as KIC writes it (gatewayclass_controller.go): controlled classes only.</summary>
public static class GatewayClassStatuses
{
    public const string AcceptedMessage = "the gatewayclass has been accepted by the controller";

    /// <summary>The desired status, or null when the class is not ours (KIC writes nothing then).</summary>
    public static GatewayClassStatus? Desired(GatewayClass cls, StatusSettings settings, DateTime now)
    {
        if (cls.Spec?.ControllerName != settings.ControllerName)
        {
            return null;
        }
        var observed = cls.Status?.Conditions;
        var accepted = Conditions.Make("Accepted", "True", "Accepted", AcceptedMessage, cls.Metadata.Generation, observed, now);
        // Other condition types (another writer's) are kept; KIC keeps at most 8 conditions.
        var others = (observed ?? []).Where(c => c.Type != "Accepted");
        return new GatewayClassStatus { Conditions = [accepted, .. others.Take(7)] };
    }
}
