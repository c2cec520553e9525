using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// Which route kinds a listener's protocol (and TLS mode) accepts (KIC route_utils.go, listener test 6): one rule for
/// route admission in translation and for the route and listener statuses.
/// </summary>
internal static class ListenerProtocols
{
    public static bool Accepts(string kind, Listener listener) => kind switch
    {
        "HTTPRoute" => listener.Protocol is "HTTP" or "HTTPS" && listener.Tls?.Mode is null or "Terminate",
        "GRPCRoute" => listener.Protocol is "HTTP" or "HTTPS",
        "TCPRoute" => listener.Protocol == "TCP" && listener.Tls?.Mode is null or "Terminate",
        "UDPRoute" => listener.Protocol == "UDP" && listener.Tls is null,
        "TLSRoute" => listener.Protocol == "TLS" && listener.Tls?.Mode is null or "Passthrough",
        _ => false,
    };
}
