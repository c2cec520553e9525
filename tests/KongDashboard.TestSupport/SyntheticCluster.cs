using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation;

namespace KongDashboard.TestSupport;

/// <summary>Deterministic synthetic clusters (Ingress + Service + EndpointSlice per app) for benchmarks and property tests.</summary>
public static class SyntheticCluster
{
    public static ClusterSnapshot Generate(int apps, int seed = 1)
    {
        var random = new Random(seed);
        var objects = new List<k8s.IKubernetesObject<V1ObjectMeta>>(apps * 3);
        for (var i = 0; i < apps; i++)
        {
            var ns = "ns-" + (i % 50);
            objects.Add(Ingress(ns, "app-" + i, "app-" + i, random.Next(3)));
            objects.Add(Service(ns, "app-" + i));
            objects.Add(Slice(ns, "app-" + i, random.Next(1, 4), i));
        }
        return ClusterSnapshotBuilder.From(objects);
    }

    public static V1Ingress Ingress(string ns, string name, string service, int variant) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Uid = Guid.NewGuid().ToString(),
            Annotations = new Dictionary<string, string>
            {
                ["kubernetes.io/ingress.class"] = "kong",
                ["konghq.com/strip-path"] = variant == 1 ? "true" : "false",
            },
        },
        Spec = new V1IngressSpec
        {
            Rules =
            [
                new V1IngressRule
                {
                    Host = variant == 2 ? "" : name + ".example.com",
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/" + name, PathType = variant == 0 ? "Prefix" : "ImplementationSpecific",
                                Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = 80 } } },
                            },
                        ],
                    },
                },
            ],
        },
    };

    public static V1Service Service(string ns, string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = Guid.NewGuid().ToString() },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080, Protocol = "TCP" }] },
    };

    public static V1EndpointSlice Slice(string ns, string service, int endpoints, int seed) => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        AddressType = "IPv4",
        Metadata = new V1ObjectMeta
        {
            Name = service + "-abcde",
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service },
        },
        Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
        Endpoints = Enumerable.Range(0, endpoints).Select(e => new V1Endpoint
        {
            Addresses = [$"10.{(seed >> 8) & 255}.{seed & 255}.{e + 1}"],
            Conditions = new V1EndpointConditions { Ready = e != 2 },
        }).ToList(),
    };
}
