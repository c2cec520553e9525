using KongDashboard.Core.Kubernetes;
using KongDashboard.EmbeddedCluster.Seed;

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
        Assert.InRange(store.List("Ingress").Count, 18, 22);
        Assert.Equal("true", store.Get("IngressClass", null, "kong").Annotations()!["ingressclass.kubernetes.io/is-default-class"]!.ToString());
        Assert.Equal("200", store.Get("ConfigMap", "kong", "kong-dashboard-sim")["data"]!["requestsPerSecond"]!.ToString());
        Assert.Equal(100, store.Get("KongPlugin", "shop", "rate-limit")["config"]!["minute"].AsInt());
        Assert.Equal("None", store.Get("Service", "kong", "kong-admin")["spec"]!["clusterIP"]!.ToString());
        Assert.Equal("kubernetes.io/tls", store.Get("Secret", "shop", "shop-tls")["type"]!.ToString());
        Assert.Empty(store.List("Lease"));

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
