using System.Net;

namespace KongDashboard.Security;

/// <summary>The <c>Dashboard:KnownProxies</c> list: IPs and CIDR networks of the authenticating/forwarding proxies.</summary>
public sealed class ProxyNetworks
{
    private ProxyNetworks(IReadOnlyList<System.Net.IPNetwork> networks) => Networks = networks;

    public IReadOnlyList<System.Net.IPNetwork> Networks { get; }

    public bool IsEmpty => Networks.Count == 0;

    public static ProxyNetworks Parse(string? value) => new(
        (value ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Contains('/')
                ? System.Net.IPNetwork.Parse(entry)
                : new System.Net.IPNetwork(IPAddress.Parse(entry), IPAddress.Parse(entry).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
            .ToList());

    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        // Kestrel reports IPv4 clients as ::ffff:a.b.c.d on dual-stack sockets.
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Networks.Any(n => n.Contains(v4) || n.Contains(address));
    }
}

/// <summary>The TCP peer of the request, recorded before forwarded headers rewrite RemoteIpAddress.</summary>
public sealed record ProxyPeer(IPAddress? Address);
