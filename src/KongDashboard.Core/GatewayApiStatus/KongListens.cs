using k8s.Models;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>
/// Kong's listens by Gateway protocol and port. KIC reads them from Kong's <c>GET /</c> and matches them to the
/// publish Service's ports; we derive them from the Service ports alone (the Kong pods all run the same listens):
/// UDP → UDP; port name or appProtocol naming https/tls, or port 443/8443 → HTTPS; naming http, or port 80/8000 →
/// HTTP; anything else → TCP (a stream listen).
/// </summary>
public sealed class KongListens
{
    private readonly Dictionary<string, HashSet<int>> _ports = [];

    public static KongListens FromService(V1Service? service)
    {
        var listens = new KongListens();
        foreach (var port in service?.Spec?.Ports ?? [])
        {
            listens.Add(ProtocolOf(port), port.Port);
        }
        return listens;
    }

    public static string ProtocolOf(V1ServicePort port)
    {
        if (string.Equals(port.Protocol, "UDP", StringComparison.OrdinalIgnoreCase))
        {
            return "UDP";
        }
        var names = $"{port.Name} {port.AppProtocol}".ToLowerInvariant();
        if (names.Contains("https") || names.Contains("tls") || port.Port is 443 or 8443)
        {
            return "HTTPS";
        }
        return names.Contains("http") || port.Port is 80 or 8000 ? "HTTP" : "TCP";
    }

    public void Add(string protocol, int port)
    {
        if (!_ports.TryGetValue(protocol, out var set))
        {
            _ports[protocol] = set = [];
        }
        set.Add(port);
    }

    public bool HasProtocol(string protocol) => _ports.ContainsKey(protocol);

    public bool Has(string protocol, int port) => _ports.TryGetValue(protocol, out var set) && set.Contains(port);
}
