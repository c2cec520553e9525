namespace KongDashboard.Core.Kong;

/// <summary>Finds the Kong entities a Kubernetes object produced, through the <c>k8s-*</c> tags KIC puts on them.</summary>
public static class KongConfigIndex
{
    /// <summary>
    /// The subset produced by one Ingress: its routes (inside their parent services), the upstreams of those services
    /// with their targets, plugins on those routes or services, and certificates whose SNIs cover its TLS hosts.
    /// </summary>
    public static KongConfig ForIngress(KongConfig config, string @namespace, string name, IEnumerable<string>? tlsHosts = null) =>
        ForObject(config, "Ingress", @namespace, name, tlsHosts);

    /// <summary>The same for an object of any kind that produces routes (Gateway API routes, TCPIngress, UDPIngress).</summary>
    public static KongConfig ForObject(KongConfig config, string kind, string @namespace, string name, IEnumerable<string>? tlsHosts = null)
    {
        var services = new List<KongService>();
        var routeNames = new HashSet<string>(StringComparer.Ordinal);
        var serviceNames = new HashSet<string>(StringComparer.Ordinal);
        var upstreamHosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in config.Services ?? [])
        {
            var routes = (service.Routes ?? []).Where(r => IsTaggedWith(r.Tags, kind, @namespace, name)).ToList();
            if (routes.Count == 0)
            {
                continue;
            }
            services.Add(service with { Routes = routes });
            routeNames.UnionWith(routes.Select(r => r.Name ?? ""));
            serviceNames.Add(service.Name ?? "");
            upstreamHosts.Add(service.Host ?? "");
        }

        var hosts = new HashSet<string>(tlsHosts ?? [], StringComparer.Ordinal);
        return new KongConfig
        {
            Services = services,
            Upstreams = config.Upstreams?.Where(u => upstreamHosts.Contains(u.Name ?? "")).ToList(),
            Plugins = config.Plugins?.Where(p =>
                (p.Route is not null && routeNames.Contains(p.Route)) || (p.Service is not null && serviceNames.Contains(p.Service))).ToList(),
            Certificates = config.Certificates?.Where(c =>
                (c.Snis ?? []).Any(s => s.Name is not null && hosts.Contains(s.Name))).ToList(),
        };
    }

    /// <summary>True when <paramref name="tags"/> name the object (k8s-kind, k8s-namespace and k8s-name tags).</summary>
    public static bool IsTaggedWith(IReadOnlyList<string>? tags, string kind, string @namespace, string name)
    {
        if (tags is null)
        {
            return false;
        }
        bool hasKind = false, hasNamespace = false, hasName = false;
        foreach (var tag in tags)
        {
            hasKind |= tag == "k8s-kind:" + kind;
            hasNamespace |= tag == "k8s-namespace:" + @namespace;
            hasName |= tag == "k8s-name:" + name;
        }
        return hasKind && hasNamespace && hasName;
    }
}
