using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Sync;

/// <summary>One Kong Admin API the controller configures, and the pod behind it when discovered.</summary>
public sealed record GatewayEndpoint(Uri AdminUrl, ObjectKey? Pod, string? Node, string? TlsServerName = null)
{
    public string Id => AdminUrl.GetLeftPart(UriPartial.Authority);
}

/// <summary>
/// Kong Admin API addresses from the EndpointSlices of the admin Service (KIC internal/adminapi/endpoints.go): ports
/// named as configured, endpoints that are not terminating and point at a Pod; "-tls" ports are https, and a pod that
/// offers a "-tls" port and a plain one is configured once, over https (KIC itself only ever dials https:
/// endpoints.go:173-180, with the TLS name pod.&lt;service&gt;.&lt;namespace&gt;.svc, line 192).
/// </summary>
public static class GatewayDiscovery
{
    public static ImmutableArray<GatewayEndpoint> Discover(ClusterSnapshot snapshot, KongSyncOptions options)
    {
        if (!options.UsesDiscovery)
        {
            return options.AdminUrls.Select(url => new GatewayEndpoint(new Uri(url), null, null)).ToImmutableArray();
        }

        var (ns, name) = SplitService(options.AdminService!);
        var byPod = new Dictionary<string, GatewayEndpoint>(StringComparer.Ordinal);
        foreach (var slice in snapshot.EndpointSlices)
        {
            if (slice.Metadata.NamespaceProperty != ns
                || (slice.Metadata.Labels is null || !slice.Metadata.Labels.TryGetValue("kubernetes.io/service-name", out var serviceName) || serviceName != name))
            {
                continue;
            }

            foreach (var port in slice.Ports ?? [])
            {
                if (port.Port is not { } number || port.Name is null || !options.AdminPortNames.Contains(port.Name))
                {
                    continue;
                }

                var tls = IsTls(port.Name);
                foreach (var endpoint in slice.Endpoints ?? [])
                {
                    if (endpoint.Conditions?.Terminating == true || endpoint.TargetRef?.Kind != "Pod" || endpoint.Addresses is not [var address, ..])
                    {
                        continue;
                    }

                    var host = address.Contains(':') ? $"[{address}]" : address;
                    var url = new Uri($"{(tls ? "https" : "http")}://{host}:{number}");
                    var pod = new ObjectKey(endpoint.TargetRef.NamespaceProperty ?? ns, endpoint.TargetRef.Name ?? "");
                    var candidate = new GatewayEndpoint(url, pod, endpoint.NodeName, tls ? $"pod.{name}.{ns}.svc" : null);
                    var podKey = $"{pod}@{host}";
                    if (!byPod.TryGetValue(podKey, out var known) || Preferred(candidate, known))
                    {
                        byPod[podKey] = candidate;
                    }
                }
            }
        }

        return [.. byPod.Values.OrderBy(e => e.AdminUrl.ToString(), StringComparer.Ordinal)];
    }

    private static bool IsTls(string portName) => portName.EndsWith("-tls", StringComparison.Ordinal);

    // https over http; between two of the same kind, the lower URL, so the choice does not depend on slice order.
    private static bool Preferred(GatewayEndpoint candidate, GatewayEndpoint known)
    {
        var candidateTls = candidate.AdminUrl.Scheme == Uri.UriSchemeHttps;
        var knownTls = known.AdminUrl.Scheme == Uri.UriSchemeHttps;
        return candidateTls != knownTls ? candidateTls : string.CompareOrdinal(candidate.AdminUrl.ToString(), known.AdminUrl.ToString()) < 0;
    }

    private static (string Namespace, string Name) SplitService(string value)
    {
        var slash = value.IndexOf('/');
        return slash < 0 ? ("default", value) : (value[..slash], value[(slash + 1)..]);
    }
}
