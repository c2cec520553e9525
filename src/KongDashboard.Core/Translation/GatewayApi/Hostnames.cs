namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>Hostname matching with wildcard masks (internal/util/hostname.go).</summary>
public static class Hostnames
{
    /// <summary>
    /// True when <paramref name="hostname"/> matches <paramref name="mask"/> label by label; a leading <c>*</c> label of
    /// the mask matches one or more labels.
    /// </summary>
    public static bool MatchesMask(string hostname, string mask)
    {
        if (hostname == mask)
        {
            return true;
        }
        var hostLabels = hostname.Split('.');
        var maskLabels = mask.Split('.');
        if (maskLabels.Length > 0 && maskLabels[0] == "*")
        {
            // "*" stands for at least one label: the host needs more labels than the rest of the mask.
            var rest = maskLabels.Length - 1;
            if (hostLabels.Length <= rest)
            {
                return false;
            }
            for (var i = 1; i <= rest; i++)
            {
                if (!string.Equals(hostLabels[hostLabels.Length - rest + i - 1], maskLabels[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
            return true;
        }
        if (hostLabels.Length != maskLabels.Length)
        {
            return false;
        }
        for (var i = 0; i < hostLabels.Length; i++)
        {
            if (!string.Equals(hostLabels[i], maskLabels[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Two names intersect when either matches the other used as a mask.</summary>
    public static bool Intersect(string a, string b) => MatchesMask(a, b) || MatchesMask(b, a);
}
