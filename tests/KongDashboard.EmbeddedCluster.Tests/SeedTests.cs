using KongDashboard.Core.Kubernetes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Tests;

public sealed class SeedTests
{
    [Fact]
    public async Task Seed_loads_the_demo_cluster()
    {
        var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions { RunControllers = false });
        await using var _ = server;
        var store = server.Store;
        Assert.Equal(["default", "internal", "kong", "media", "payments", "shop"], store.List("Namespace").Select(n => n.Name()).Order());
        Assert.InRange(store.List("Ingress").Count, 20, 26);
        Assert.Equal("true", store.Get("IngressClass", null, "kong").Annotations()!["ingressclass.kubernetes.io/is-default-class"]!.ToString());
        Assert.Equal("200", store.Get("ConfigMap", "kong", "kong-dashboard-sim")["data"]!["requestsPerSecond"]!.ToString());
        Assert.Equal(100, store.Get("KongPlugin", "shop", "rate-limit")["config"]!["minute"].AsInt());
        Assert.Equal("None", store.Get("Service", "kong", "kong-admin")["spec"]!["clusterIP"]!.ToString());
        Assert.Equal("kubernetes.io/tls", store.Get("Secret", "shop", "shop-tls")["type"]!.ToString());
        Assert.Empty(store.List("Lease"));

        // KIC's other inputs (Seed/45-kong-crds.yaml): served under their CRD kinds like any object kubectl applies.
        Assert.Equal(9001, store.Get("TCPIngress", "internal", "legacy-crm")["spec"]!["rules"]![0]!["port"].AsInt());
        Assert.Equal("partners", store.Get("KongConsumer", "shop", "partner-app")["consumerGroups"]![0]!.ToString());
        Assert.NotNull(store.TryGet("KongConsumerGroup", "shop", "partners"));
        Assert.Equal("key-auth", store.Get("Secret", "shop", "partner-app-key").Labels()!["konghq.com/credential"]!.ToString());
        Assert.Equal("billing-sticky", store.Get("Service", "payments", "billing-sticky").Annotations()!["konghq.com/override"]!.ToString());
        Assert.NotNull(store.TryGet("KongIngress", "payments", "billing-sticky"));
        Assert.Equal("kong:cors-public", store.Get("Ingress", "media", "media-embed").Annotations()!["konghq.com/plugins"]!.ToString());
        Assert.Equal("cors-public", store.Get("ReferenceGrant", "kong", "media-ingresses-to-cors")["spec"]!["to"]![0]!["name"]!.ToString());

        // The deliberately broken Ingress points at a Service that does not exist.
        var broken = store.Get("Ingress", "internal", "broken-reports");
        var backend = broken["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!["name"]!.ToString();
        Assert.Null(store.TryGet("Service", "internal", backend));
    }

    [Fact]
    public void Yaml_scalars_are_typed_like_kubectl_reads_them()
    {
        var doc = YamlToJson.ParseDocuments("a: 1\nb: \"1\"\nc: true\nd: 'x'\ne: 1.5\nf: ~\ng: 0.0.0.0:8000\n---\nh: [1, two]\n");
        Assert.Equal(2, doc.Count);
        Assert.Equal("""{"a":1,"b":"1","c":true,"d":"x","e":1.5,"f":null,"g":"0.0.0.0:8000"}""", doc[0].ToJsonString());
        Assert.Equal("""{"h":[1,"two"]}""", doc[1].ToJsonString());
    }
}
