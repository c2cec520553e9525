using KongDashboard.Core.Controller;
using KongDashboard.EmbeddedCluster;
using KongDashboard.EmbeddedCluster.KongGateway;

namespace KongDashboard.Hosting;

/// <summary>
/// The sidecar topology in the embedded demo: each replica's <c>Kong:AdminUrls</c> is its own pod's Kong container.
/// </summary>
public static class EmbeddedReplicaKong
{
    /// <summary>What deploy/overlays/sidecar sets: the Kong container's Admin API in the same pod.</summary>
    public const string SidecarAdminUrl = "http://localhost:8001";

    /// <summary>
    /// In a real pod, localhost is the pod's own network namespace, shared by its containers. Every embedded replica
    /// lives in this one process, so its pod's address (a loopback address of its own, where the fleet serves that
    /// pod's Kong) stands for it: the URL keeps the overlay's port and scheme, with the pod IP as host.
    /// </summary>
    public static ControllerInstanceOptions OwnKong(ControllerInstanceOptions options, EmbeddedApiServer server, string pod)
    {
        var kong = options.Kong ?? throw new InvalidOperationException($"Replica {pod}: the sidecar topology needs Kong:AdminUrls");
        var ip = server.Store.Get("Pod", EmbeddedReplicas.Namespace, pod)["status"]?["podIP"]?.ToString();
        if (string.IsNullOrEmpty(ip))
        {
            throw new InvalidOperationException($"Pod {EmbeddedReplicas.Namespace}/{pod} has no IP: its Kong container cannot be reached");
        }

        var urls = kong.AdminUrls.Select(url => OwnPod(url, ip, pod)).ToList();
        return options with { Kong = kong with { AdminUrls = urls } };
    }

    private static string OwnPod(string url, string ip, string pod)
    {
        var uri = new Uri(url);
        if (!uri.IsLoopback)
        {
            throw new InvalidOperationException($"Replica {pod}: Kong:AdminUrls {url} is not this pod's own Kong (localhost) in the sidecar topology");
        }

        return new UriBuilder(uri) { Host = ip, Port = uri.IsDefaultPort ? KongGatewayFleet.AdminPort : uri.Port }.Uri.ToString().TrimEnd('/');
    }
}
