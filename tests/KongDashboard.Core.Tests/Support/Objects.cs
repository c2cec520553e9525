using k8s.Models;

namespace KongDashboard.Core.Tests.Support;

/// <summary>Small, valid Kubernetes objects for tests.</summary>
public static class Objects
{
    public static V1Ingress Ingress(string ns, string name, string service = "web", string path = "/", string? host = null) => new()
    {
        // A uid as the API server would set it: KIC's k8s-uid tag maps Kong's errors back to the object.
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = Guid.NewGuid().ToString() },
        Spec = new V1IngressSpec
        {
            IngressClassName = "kong",
            Rules =
            [
                new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = path,
                                PathType = "Prefix",
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
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = Guid.NewGuid().ToString() },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, TargetPort = 8080, Protocol = "TCP" }] },
    };

    public static V1Namespace Namespace(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };
}
