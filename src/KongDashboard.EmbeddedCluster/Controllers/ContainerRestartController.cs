using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.Controllers;

/// <summary>
/// The simulated kubelet's chaos hook for the demo: annotating a Kong gateway pod (or a pod with a Kong sidecar) with
/// <c>demo.kongdashboard.io/restart=&lt;any new value&gt;</c> (kubectl annotate, or the Gateways page, which writes the
/// same annotation) restarts its Kong container once: the configuration is gone (hash all zeros), the restart count
/// goes up by one, the pod keeps its name and IP. Each value is acted on once; the value acted on is kept in the
/// container's last termination message, so the request survives a restart of this controller and is never repeated.
/// </summary>
internal sealed class ContainerRestartController(ResourceStore store, KongGatewayFleet fleet, ILogger logger)
    : SimulatedController(store, logger, "Pod")
{
    private const string Annotation = KongContainerRestart.Annotation;

    private static string TerminationMessage(string value) => KongContainerRestart.TerminationMessage(value);

    protected override void Reconcile()
    {
        foreach (var pod in Store.List("Pod"))
        {
            if (pod.Annotations()?[Annotation]?.ToString() is not { Length: > 0 } value
                || !KongGatewayFleet.IsKongPod(pod)
                || pod.Metadata()["deletionTimestamp"] is not null)
            {
                continue;
            }

            var container = KongGatewayFleet.KongContainerStatus(pod);
            if (container?["lastState"]?["terminated"]?["message"]?.ToString() == TerminationMessage(value))
            {
                continue; // this request was carried out already
            }

            if (fleet.ForPod(pod.Namespace()!, pod.Name()!) is null)
            {
                Logger.LogDebug("Restart of pod {Namespace}/{Name} waits for its Kong Admin API to start", pod.Namespace(), pod.Name());
                continue;
            }

            // A conflicting write throws before anything restarted; the base loop reconciles again.
            fleet.RestartPod(pod.Namespace()!, pod.Name()!, TerminationMessage(value));
            Logger.LogInformation("Restarted the Kong container of pod {Namespace}/{Name} ({Annotation}={Value})", pod.Namespace(), pod.Name(), Annotation, value);
        }
    }
}

/// <summary>The demo's container-restart request, as kubectl and the dashboard write it on a Kong gateway pod.</summary>
public static class KongContainerRestart
{
    public const string Annotation = "demo.kongdashboard.io/restart";

    /// <summary>The termination message recording which request a restart carried out.</summary>
    public static string TerminationMessage(string value) => $"restarted on request: {Annotation}={value}";
}
