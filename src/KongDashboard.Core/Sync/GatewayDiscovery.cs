using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Sync;

/// <summary>One Kong Admin API the controller configures, and the pod behind it when discovered.</summary>
public sealed record GatewayEndpoint(Uri AdminUrl, ObjectKey? Pod, string? Node)
{
    public string Id => AdminUrl.GetLeftPart(UriPartial.Authority);
}

/// <summary>
/// Kong Admin API addresses from the EndpointSlices of the admin Service (KIC internal/adminapi/endpoints.go): ports
/// named as configured, endpoints that are not terminating and point at a Pod; "-tls" ports are https.
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
        var endpoints = new SortedDictionary<string, GatewayEndpoint>(StringComparer.Ordinal);
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

                var scheme = port.Name.EndsWith("-tls", StringComparison.Ordinal) ? "https" : "http";
                foreach (var endpoint in slice.Endpoints ?? [])
                {
                    if (endpoint.Conditions?.Terminating == true || endpoint.TargetRef?.Kind != "Pod" || endpoint.Addresses is not [var address, ..])
                    {
                        continue;
                    }

                    var host = address.Contains(':') ? $"[{address}]" : address;
                    var url = new Uri($"{scheme}://{host}:{number}");
                    var pod = new ObjectKey(endpoint.TargetRef.NamespaceProperty ?? ns, endpoint.TargetRef.Name ?? "");
                    endpoints[url.ToString()] = new GatewayEndpoint(url, pod, endpoint.NodeName);
                }
            }
        }

        return [.. endpoints.Values];
    }

    private static (string Namespace, string Name) SplitService(string value)
    {
        var slash = value.IndexOf('/');
        return slash < 0 ? ("default", value) : (value[..slash], value[(slash + 1)..]);
    }
}
