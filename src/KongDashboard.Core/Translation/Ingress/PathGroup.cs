namespace KongDashboard.Core.Translation.Ingress;

/// <summary>
/// The paths of one Ingress that become one Kong route: those sharing KIC's index key
/// <c>namespace.name.service.host.port</c> (subtranslator/ingress.go: ingressTranslationIndex).
/// </summary>
internal sealed record PathGroup(string Service, string Host, PortDef Port, string PortText, List<(string Path, string Type)> Paths)
{
    /// <summary>
    /// The group whose key equals this path's, or a new one at the end (first-seen order). Keys are compared as the
    /// strings KIC builds, without building them: an Ingress rarely has more than a few groups.
    /// </summary>
    public static PathGroup FindOrAdd(List<PathGroup> groups, string service, string host, PortDef port)
    {
        var portText = port.CanonicalString();
        foreach (var group in groups)
        {
            if (SameKey(group, service, host, portText))
            {
                return group;
            }
        }
        var added = new PathGroup(service, host, port, portText, new(1));
        groups.Add(added);
        return added;
    }

    private static bool SameKey(PathGroup group, string service, string host, string portText)
    {
        if (group.Service == service && group.Host == host && group.PortText == portText)
        {
            return true;
        }
        // "a.b" + "c" and "a" + "b.c" join to the same key; only then do the parts differ while the keys match.
        var length = service.Length + host.Length + portText.Length;
        if (group.Service.Length + group.Host.Length + group.PortText.Length != length)
        {
            return false;
        }

        return string.Join('.', group.Service, group.Host, group.PortText) == string.Join('.', service, host, portText);
    }
}
