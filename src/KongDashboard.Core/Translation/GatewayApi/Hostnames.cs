namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>Hostname matching with wildcard masks (internal/util/hostname.go: HostnamesMatch, HostnamesIntersect).</summary>
public static class Hostnames
{
    /// <summary>
    /// True when <paramref name="hostname"/> matches <paramref name="mask"/> label by label; a <c>*</c> label of the
    /// mask matches one or more labels. Case-sensitive, as KIC.
    /// </summary>
    public static bool MatchesMask(string hostname, string mask)
    {
        var maskLabels = mask.Split('.');
        var hostLabels = hostname.Split('.');
        int a = 0, b = 0;
        var wildcard = false;
        for (; a < maskLabels.Length && b < hostLabels.Length; a++, b++)
        {
            if (wildcard)
            {
                // After a "*", skip host labels until this mask label appears.
                var found = false;
                for (; b < hostLabels.Length; b++)
                {
                    if (maskLabels[a] == hostLabels[b])
                    {
                        found = true;
                        break;
                    }
                }
                if (!found)
                {
                    return false;
                }
            }
            if (maskLabels[a] == "*")
            {
                wildcard = true;
                continue;
            }
            wildcard = false;
            if (maskLabels[a] != hostLabels[b])
            {
                return false;
            }
        }
        return hostLabels.Length - b == maskLabels.Length - a;
    }

    /// <summary>Two names intersect when either matches the other used as a mask.</summary>
    public static bool Intersect(string a, string b) => MatchesMask(a, b) || MatchesMask(b, a);
}
