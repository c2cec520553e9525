using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
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
        bool FillIds,
        KongIngress? Override = null,
        KongServiceFacade? Facade = null,
        string Protocol = "http",
        int DefaultPort = 80,
        bool DefaultTimeouts = true);

    /// <summary>
    /// Builds the service and upstream with FillIDs and deckgen's upstream default and target order already applied.
    /// Every cold translation builds one per Kong service, so each record is made once, not copied per field.
    /// </summary>
    public static ServiceBase BuildFinished(Input input, IReadOnlyList<KongRoute>? routes = null)
    {
        var host = input.Facade is null ? $"{input.ServiceName}.{input.Namespace}.{input.Port.CanonicalString()}.svc" : input.KongServiceName;
        var k8s = input.K8sService;
        var tags = input.Facade is { } facade ? KubernetesTags.For(facade)
            : k8s is null ? KubernetesTags.UnknownService : KubernetesTags.For(k8s, "", "v1", "Service");
        string? portError = null;
        var port = k8s is null ? null : FindPort(k8s, input.Port, out portError);
        var service = new KongService
        {
            Id = input.FillIds ? KongIds.Service(input.KongServiceName) : null,
            Name = input.KongServiceName,
            Host = host,
            Port = port?.Port ?? input.DefaultPort,
            Protocol = input.Protocol,
            Path = input.WithPath ? "/" : null,
            ConnectTimeout = input.DefaultTimeouts ? DefaultTimeout : null,
            ReadTimeout = input.DefaultTimeouts ? DefaultTimeout : null,
            WriteTimeout = input.DefaultTimeouts ? DefaultTimeout : null,
            Retries = input.DefaultTimeouts ? 5 : null,
            Routes = routes,
            Tags = tags,
        };
        if (k8s is null)
        {
            var parent = ImmutableArray.Create(input.Parent);
            var id = $"{input.Namespace}/{input.ServiceName}";
            TranslationFailure[] notFound =
            [
                new($"failed to resolve Kubernetes Service for backend: failed to fetch Service {id}: Service {id} not found", parent),
                new($"can't add target for backend {input.ServiceName}: no kubernetes service found", parent),
            ];
            return new ServiceBase(service, new KongUpstream { Name = host, Algorithm = "round-robin", Tags = tags }, notFound);
        }

        List<TranslationFailure>? failures = null;
        var self = ObjectRefs.Of(k8s);
        List<KongTarget>? targets = null;
        if (port is null)
        {
            (failures ??= []).Add(new TranslationFailure($"can't find port for backend kubernetes service: {portError}", [self, input.Parent]));
        }
        else
        {
            targets = Targets(k8s, port, input.Slices, input.ServiceUpstream, input.ClusterDomain);
            // Targets are distinct, so an in-place sort gives the same order as deckgen's stable descending sort.
            targets?.Sort(static (a, b) => string.CompareOrdinal(b.Target, a.Target));
        }

        var annotations = k8s.Metadata.Annotations;
        if (annotations is { Count: > 0 })
        {
            failures ??= [];
            service = ServiceAnnotations.Apply(service, annotations, self, failures);
        }
        var upstream = new KongUpstream
        {
            Name = host,
            Algorithm = "round-robin",
            HostHeader = Annotations.Get(annotations, Annotations.HostHeader) is { Length: > 0 } hostHeader ? hostHeader : null,
            Tags = tags,
            Targets = targets?.ToArray(),
        };
        if (Annotations.Get(annotations, Annotations.Override) is { Length: > 0 } overrideName)
        {
            // Deprecated KongIngress: its upstream section first, then host-header and KongUpstreamPolicy win.
            if (input.Override is null)
            {
                (failures ??= []).Add(new TranslationFailure($"failed to get KongIngress: KongIngress {overrideName} not found", [self]));
            }
            else
            {
                upstream = KongCrds.KongIngressOverride.Apply(upstream, input.Override);
                if (Annotations.Get(annotations, Annotations.HostHeader) is { Length: > 0 } header)
                {
                    upstream = upstream with { HostHeader = header };
                }
            }
        }
        if (Annotations.Get(annotations, Annotations.UpstreamPolicy) is { Length: > 0 } policyName)
        {
            if (input.Policy is null)
            {
                (failures ??= []).Add(new TranslationFailure(
                    $"failed fetching KongUpstreamPolicy: KongUpstreamPolicy {input.Namespace}/{policyName} not found", [self]));
            }
            else
            {
                upstream = UpstreamPolicyMapper.Apply(upstream, input.Policy.Spec);
            }
        }
        return new ServiceBase(service, upstream, failures is { Count: > 0 } ? failures : []);
    }

    internal static V1ServicePort? FindPort(V1Service svc, PortDef want, out string? error)
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
                foreach (var p in ports)
                {
                    if (p.Port == want.Number)
                    {
                        return p;
                    }
                }
                break;
            case PortMode.ByName:
                if (externalName)
                {
                    error = "rules with an ExternalName service must specify numeric ports";
                    return null;
                }
                foreach (var p in ports)
                {
                    if ((p.Name ?? "") == want.Name || (p.TargetPort is { } tp && !IsNumeric(tp.Value) && tp.Value == want.Name))
                    {
                        return p;
                    }
                }
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

    /// <summary>Null when there are none: Kong's output has no <c>targets</c> key then.</summary>
    internal static List<KongTarget>? Targets(V1Service svc, V1ServicePort port, IReadOnlyList<V1EndpointSlice> slices, bool serviceUpstream, string clusterDomain)
    {
        var protocols = Protocols(svc);
        if (serviceUpstream || Annotations.Get(svc.Metadata.Annotations, Annotations.ServiceUpstream) == "true")
        {
            var dns = $"{svc.Metadata.Name}.{svc.Metadata.NamespaceProperty}.svc" + (clusterDomain.Length > 0 ? "." + clusterDomain : "");
            return [new KongTarget { Target = dns + ":" + port.Port.ToString(CultureInfo.InvariantCulture) }];
        }
        if (svc.Spec?.Type == "ExternalName")
        {
            return [new KongTarget { Target = svc.Spec.ExternalName + ":" + (port.TargetPort?.Value ?? "0") }];
        }
        List<KongTarget>? targets = null;
        HashSet<string>? seen = null;
        var portName = port.Name ?? "";
        foreach (var protocol in protocols)
        {
            for (var s = 0; s < slices.Count; s++)
            {
                var slice = slices[s];
                if (slice.Ports is not { } slicePorts || slice.Endpoints is not { } endpoints)
                {
                    continue;
                }

                for (var p = 0; p < slicePorts.Count; p++)
                {
                    var slicePort = slicePorts[p];
                    if (slicePort.Port is not int number || number < 0 || (slicePort.Protocol ?? "TCP") != protocol
                        || (slicePort.Name ?? "") != portName)
                    {
                        continue;
                    }
                    for (var e = 0; e < endpoints.Count; e++)
                    {
                        var endpoint = endpoints[e];
                        if (endpoint.Conditions?.Ready == false || endpoint.Addresses is not { Count: > 0 } addresses)
                        {
                            continue;
                        }
                        var target = FormatAddress(addresses[0]) + ":" + number.ToString(CultureInfo.InvariantCulture);
                        if (IsNew(ref targets, ref seen, target))
                        {
                            targets.Add(new KongTarget { Target = target });
                        }
                    }
                }
            }
        }
        return targets;
    }

    // The Service's protocols, TCP first (translate_upstreams.go walks them in this order).
    private static List<string> Protocols(V1Service svc)
    {
        var protocols = new List<string>(1) { "TCP" };
        if (svc.Spec?.Ports is { } ports)
        {
            for (var i = 0; i < ports.Count; i++)
            {
                if (!string.IsNullOrEmpty(ports[i].Protocol) && !protocols.Contains(ports[i].Protocol))
                {
                    protocols.Add(ports[i].Protocol);
                }
            }
        }
        return protocols;
    }

    // Most services have a few endpoints: scan them, and hash only past that.
    private static bool IsNew([NotNull] ref List<KongTarget>? targets, ref HashSet<string>? seen, string target)
    {
        targets ??= new(4);
        if (seen is not null)
        {
            return seen.Add(target);
        }

        foreach (var existing in targets)
        {
            if (existing.Target == target)
            {
                return false;
            }
        }
        if (targets.Count >= 16)
        {
            seen = new HashSet<string>(targets.Select(t => t.Target!), StringComparer.Ordinal) { target };
        }
        return true;
    }

    // Only IPv6 literals contain ':' (and need brackets); skip parsing the common IPv4 case.
    private static string FormatAddress(string address) =>
        address.Contains(':') && IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
}
