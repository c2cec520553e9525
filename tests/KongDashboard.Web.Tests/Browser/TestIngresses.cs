using k8s.Models;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Ingresses the browser tests create in the demo cluster: host &lt;name&gt;.example.com → shop/storefront.</summary>
internal static class TestIngresses
{
    public static V1Ingress Storefront(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" },
        Spec = new V1IngressSpec
        {
            IngressClassName = "kong",
            Rules =
            [
                new V1IngressRule
                {
                    Host = $"{name}.example.com",
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "storefront", Port = new V1ServiceBackendPort { Name = "http" } } },
                            },
                        ],
                    },
                },
            ],
        },
    };
}
