using System.Net;
using k8s;
using k8s.Autorest;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;
using static KongDashboard.EmbeddedCluster.Tests.TestSupport.Failures;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>API-server fault switches: a missing CRD, an RBAC denial, APF throttling — each as a real cluster answers.</summary>
public sealed class FaultSwitchTests
{
    [Fact]
    public async Task An_omitted_CRD_vanishes_from_discovery_and_its_paths_404()
    {
        var (server, client) = await PrivateServer.StartAsync(seed: true);
        await using var _ = server;
        using var __ = client;
        using var http = RawHttp.For(server);
        // Positive control: served before the switch.
        Assert.Contains("kongplugins", await http.GetStringAsync("/apis/configuration.konghq.com/v1"));
        await client.CustomObjects.ListClusterCustomObjectAsync("configuration.konghq.com", "v1", "kongplugins");

        server.Faults.OmitCustomResource("kongplugins.configuration.konghq.com");
        var resources = await http.GetStringAsync("/apis/configuration.konghq.com/v1");
        Assert.DoesNotContain("\"kongplugins\"", resources);
        Assert.Contains("kongconsumers", resources); // the other CRDs of the group stay
        Assert.Contains("configuration.konghq.com", await http.GetStringAsync("/apis"));
        var status = await FailsWith(HttpStatusCode.NotFound,
            () => client.CustomObjects.ListClusterCustomObjectAsync("configuration.konghq.com", "v1", "kongplugins"));
        Assert.Equal("the server could not find the requested resource", status.Message);

        // Every CRD of the version gone: the group version itself 404s and leaves /apis.
        server.Faults.OmitCustomResource("kongclusterplugins.configuration.konghq.com");
        server.Faults.OmitCustomResource("kongconsumers.configuration.konghq.com");
        server.Faults.OmitCustomResource("kongingresses.configuration.konghq.com");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/apis/configuration.konghq.com/v1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/apis/configuration.konghq.com/v1beta1")).StatusCode);
    }

    [Fact]
    public async Task A_denied_resource_is_403_with_the_RBAC_message_for_list_and_watch()
    {
        var (server, client) = await PrivateServer.StartAsync(seed: true);
        await using var _ = server;
        using var __ = client;
        Assert.NotEmpty((await client.NetworkingV1.ListIngressForAllNamespacesAsync()).Items); // positive control
        server.Faults.DenyResource("ingresses.networking.k8s.io");

        var list = await FailsWith(HttpStatusCode.Forbidden, () => client.NetworkingV1.ListIngressForAllNamespacesAsync());
        Assert.Equal("Forbidden", list.Reason);
        Assert.Equal("ingresses.networking.k8s.io is forbidden: User \"system:serviceaccount:kong:kong-dashboard\" cannot list resource \"ingresses\" in API group \"networking.k8s.io\" at the cluster scope", list.Message);
        Assert.Equal("networking.k8s.io", list.Details.Group);
        Assert.Equal("ingresses", list.Details.Kind);

        var watch = await FailsWith(HttpStatusCode.Forbidden, () => client.NetworkingV1.ListNamespacedIngressWithHttpMessagesAsync("default", watch: true));
        Assert.Equal("ingresses.networking.k8s.io is forbidden: User \"system:serviceaccount:kong:kong-dashboard\" cannot watch resource \"ingresses\" in API group \"networking.k8s.io\" in the namespace \"default\"", watch.Message);
        Assert.NotEmpty((await client.CoreV1.ListNamespaceAsync()).Items); // other resources unaffected
    }

    [Fact]
    public async Task Throttling_answers_APF_429_in_plain_text_with_Retry_After_then_recovers()
    {
        var (server, client) = await PrivateServer.StartAsync(seed: false);
        await using var _ = server;
        using var __ = client;
        server.Faults.Throttle(2, retryAfterSeconds: 4);
        for (var i = 0; i < 2; i++)
        {
            var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespaceAsync());
            Assert.Equal((HttpStatusCode)429, e.Response.StatusCode);
            Assert.Equal("4", e.Response.Headers["Retry-After"].Single());
            Assert.Equal("Too many requests, please try again later.\n", e.Response.Content);
        }
        Assert.NotEmpty((await client.CoreV1.ListNamespaceAsync()).Items);
    }

    [Fact]
    public async Task Switches_can_be_set_from_settings_at_start()
    {
        await using var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions
        {
            Seed = false,
            RunControllers = false,
            Faults = new ApiServerFaultSettings { DenyResources = ["secrets"] },
        });
        using var client = new Kubernetes(server.ClientConfiguration());
        var status = await FailsWith(HttpStatusCode.Forbidden, () => client.CoreV1.ListNamespacedSecretAsync("default"));
        Assert.Equal("secrets is forbidden: User \"system:serviceaccount:kong:kong-dashboard\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"", status.Message);
        server.Faults.Clear();
        Assert.Empty((await client.CoreV1.ListNamespacedSecretAsync("default")).Items);
    }
}
