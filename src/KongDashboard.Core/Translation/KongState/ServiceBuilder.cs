using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.Ingress;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>
/// Kong service + upstream + targets for one (namespace, Service, port): defaults (subtranslator/ingress.go:
/// translateIntoKongStateService), tags (ingressrules.go), port and targets (translate_upstreams.go), Service
/// annotations (kongstate/service.go), KongUpstreamPolicy and host-header (kongstate/upstream.go).
/// </summary>
internal static class ServiceBuilder
{
    public const int DefaultTimeout = 60000;

    public sealed record Input(
        string KongServiceName,
        string Namespace,
        string ServiceName,
        PortDef Port,
        bool WithPath,
        ObjectRef Parent,
        V1Service? K8sService,
        IReadOnlyList<V1EndpointSlice> Slices,
        KongUpstreamPolicy? Policy,
        bool ServiceUpstream,
        string ClusterDomain,
        bool FillIds);

    /// <summary>Builds, then applies FillIDs and deckgen's upstream default and target order.</summary>
    public static ServiceBase BuildFinished(Input input)
    {
        var built = Build(input);
        var targets = built.Upstream.Targets;
        if (targets is List<KongTarget> { Count: > 1 } list)
        {
            // Targets are distinct, so an in-place sort gives the same order as a stable descending sort.
            list.Sort(static (a, b) => string.CompareOrdinal(b.Target, a.Target));
        }
        // Only copy the records when a field really changes: every cold translation builds one per Kong service.
        var service = input.FillIds ? built.Service with { Id = KongIds.Service(input.KongServiceName) } : built.Service;
        var upstream = built.Upstream.Algorithm is null ? built.Upstream with { Algorithm = "round-robin" } : built.Upstream;
        return new ServiceBase(service, upstream, built.Failures);
    }

    private static ServiceBase Build(Input input)
    {
        var failures = new List<TranslationFailure>();
        var host = $"{input.ServiceName}.{input.Namespace}.{input.Port.CanonicalString()}.svc";
        var k8s = input.K8sService;
        // Tags and port are known before the records are made: one service and upstream object each, not a copy per field.
        var tags = k8s is null ? KubernetesTags.UnknownService : KubernetesTags.For(k8s, "", "v1", "Service");
        string? portError = null;
        var port = k8s is null ? null : FindPort(k8s, input.Port, out portError);
        var service = new KongService
        {
            Name = input.KongServiceName,
            Host = host,
            Port = port?.Port ?? 80,
            Protocol = "http",
            Path = input.WithPath ? "/" : null,
            ConnectTimeout = DefaultTimeout,
            ReadTimeout = DefaultTimeout,
            WriteTimeout = DefaultTimeout,
            Retries = 5,
            Tags = tags,
        };
        var upstream = new KongUpstream { Name = host, Tags = tags };
        if (k8s is null)
        {
            var parent = ImmutableArray.Create(input.Parent);
            var id = $"{input.Namespace}/{input.ServiceName}";
            failures.Add(new TranslationFailure(
                $"failed to resolve Kubernetes Service for backend: failed to fetch Service {id}: Service {id} not found", parent));
            failures.Add(new TranslationFailure($"can't add target for backend {input.ServiceName}: no kubernetes service found", parent));
            return new ServiceBase(service, upstream, failures);
        }

        var self = ObjectRefs.Of(k8s);
        IReadOnlyList<KongTarget>? targets = null;
        if (port is null)
        {
            failures.Add(new TranslationFailure($"can't find port for backend kubernetes service: {portError}", [self, input.Parent]));
        }
        else
        {
            targets = Targets(k8s, port, input.Slices, input.ServiceUpstream, input.ClusterDomain);
        }

        var annotations = k8s.Metadata.Annotations;
        service = ServiceAnnotations.Apply(service, annotations, self, failures);
        if (Annotations.Get(annotations, Annotations.HostHeader) is { Length: > 0 } hostHeader)
        {
            upstream = upstream with { HostHeader = hostHeader };
        }
        if (Annotations.Get(annotations, Annotations.UpstreamPolicy) is { Length: > 0 } policyName)
        {
            if (input.Policy is null)
            {
                failures.Add(new TranslationFailure(
                    $"failed fetching KongUpstreamPolicy: KongUpstreamPolicy {input.Namespace}/{policyName} not found", [self]));
            }
            else
            {
                upstream = UpstreamPolicyMapper.Apply(upstream, input.Policy.Spec);
            }
        }
        return new ServiceBase(service, upstream with { Targets = targets is { Count: > 0 } ? targets : null }, failures);
    }

    private static V1ServicePort? FindPort(V1Service svc, PortDef want, out string? error)
    {
        error = null;
        var externalName = svc.Spec?.Type == "ExternalName";
        var ports = svc.Spec?.Ports ?? [];
        switch (want.Mode)
        {
            case PortMode.ByNumber:
                if (externalName)
                {
                    return new V1ServicePort { Port = want.Number, TargetPort = want.Number };
                }
                var byNumber = ports.FirstOrDefault(p => p.Port == want.Number);
                if (byNumber is not null) return byNumber;
                break;
            case PortMode.ByName:
                if (externalName)
                {
                    error = "rules with an ExternalName service must specify numeric ports";
                    return null;
                }
                var byName = ports.FirstOrDefault(p => (p.Name ?? "") == want.Name
                    || (p.TargetPort is { } tp && !IsNumeric(tp.Value) && tp.Value == want.Name));
                if (byName is not null) return byName;
                break;
            default:
                if (externalName)
                {
                    error = "rules with an ExternalName service must specify numeric ports";
                    return null;
                }
                if (ports.Count != 1)
                {
                    error = $"in implicit mode, service must have exactly 1 port, has {ports.Count}";
                    return null;
                }
                return ports[0];
        }
        error = "no suitable port found";
        return null;
    }

    private static bool IsNumeric(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static List<KongTarget> Targets(V1Service svc, V1ServicePort port, IReadOnlyList<V1EndpointSlice> slices, bool serviceUpstream, string clusterDomain)
    {
        var endpoints = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var protocols = new List<string> { "TCP" };
        foreach (var p in svc.Spec?.Ports ?? [])
        {
            if (!string.IsNullOrEmpty(p.Protocol) && !protocols.Contains(p.Protocol)) protocols.Add(p.Protocol);
        }
        var ns = svc.Metadata.NamespaceProperty;
        foreach (var protocol in protocols)
        {
            if (serviceUpstream || Annotations.Get(svc.Metadata.Annotations, Annotations.ServiceUpstream) == "true")
            {
                var dns = $"{svc.Metadata.Name}.{ns}.svc" + (clusterDomain.Length > 0 ? "." + clusterDomain : "");
                Add(endpoints, seen, dns + ":" + port.Port.ToString(CultureInfo.InvariantCulture));
                continue;
            }
            if (svc.Spec?.Type == "ExternalName")
            {
                Add(endpoints, seen, svc.Spec.ExternalName + ":" + (port.TargetPort?.Value ?? "0"));
                continue;
            }
            foreach (var slice in slices)
            {
                foreach (var slicePort in slice.Ports ?? [])
                {
                    if (slicePort.Port is not int number || number < 0 || (slicePort.Protocol ?? "TCP") != protocol
                        || (slicePort.Name ?? "") != (port.Name ?? ""))
                    {
                        continue;
                    }
                    foreach (var endpoint in slice.Endpoints ?? [])
                    {
                        if (endpoint.Conditions?.Ready == false || endpoint.Addresses is not { Count: > 0 })
                        {
                            continue;
                        }
                        Add(endpoints, seen, FormatAddress(endpoint.Addresses[0]) + ":" + number.ToString(CultureInfo.InvariantCulture));
                    }
                }
            }
        }
        var targets = new List<KongTarget>(endpoints.Count);
        foreach (var endpoint in endpoints) targets.Add(new KongTarget { Target = endpoint });
        return targets;
    }

    private static void Add(List<string> endpoints, HashSet<string> seen, string target)
    {
        if (seen.Add(target)) endpoints.Add(target);
    }

    // Only IPv6 literals contain ':' (and need brackets); skip parsing the common IPv4 case.
    private static string FormatAddress(string address) =>
        address.Contains(':') && IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
}
