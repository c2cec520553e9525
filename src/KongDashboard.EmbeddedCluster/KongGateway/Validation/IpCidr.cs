using System.Net;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>kong/tools/ip.lua is_valid_ip_or_cidr.</summary>
internal static class IpCidr
{
    public static bool IsIpOrCidr(string s)
    {
        var slash = s.IndexOf('/');
        if (slash < 0)
        {
            return IPAddress.TryParse(s, out _);
        }
        return IPAddress.TryParse(s[..slash], out var ip)
            && int.TryParse(s[(slash + 1)..], out var bits)
            && bits >= 0
            && bits <= (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}
