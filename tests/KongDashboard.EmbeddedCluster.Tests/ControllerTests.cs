using k8s;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>The simulated Deployment and EndpointSlice controllers, driven through the API.</summary>
public sealed class ControllerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly IKubernetes _client = fixture.Client;

    [Fact]
    public async Task Seeded_gateway_runs_two_ready_pods_behind_its_services()
    {
        await Eventually.HoldsAsync(async () => (await Pods("kong", "app=kong-gateway")).Count == 2);
        var pods = await Pods("kong", "app=kong-gateway");
        Assert.All(pods, p =>
        {
            Assert.Matches("^kong-gateway-[a-z0-9]{10}-[a-z0-9]{5}$", p.Metadata.Name);
            Assert.Equal("Running", p.Status.Phase);
            Assert.True(p.Status.ContainerStatuses.Single().Ready);
            Assert.Equal("Deployment", p.Metadata.OwnerReferences.Single().Kind);
            Assert.StartsWith("127.", p.Status.PodIP); // a loopback pod IP with a live embedded Kong Admin API
            Assert.False(string.IsNullOrEmpty(p.Spec.NodeName));
            Assert.Equal("proxy", p.Spec.Containers.Single().Name);
        });
        Assert.Equal(2, pods.Select(p => p.Status.PodIP).Distinct().Count());

        await Eventually.HoldsAsync(async () => (await Slice("kong", "kong-admin"))?.Endpoints?.Count == 2);
        var slice = (await Slice("kong", "kong-admin"))!;
        Assert.Equal("IPv4", slice.AddressType);
        Assert.Equal(("admin", 8001), (slice.Ports.Single().Name, slice.Ports.Single().Port!.Value));
        Assert.Equal("endpointslice-controller.k8s.io", slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        Assert.Equal(pods.Select(p => p.Status.PodIP).Order(), slice.Endpoints.Select(e => e.Addresses.Single()).Order());
        Assert.All(slice.Endpoints, e => Assert.True(e.Conditions.Ready));

        using var http = new HttpClient();
        foreach (var address in slice.Endpoints.Select(e => e.Addresses.Single()))
        {
            // The pod's Admin API starts in the background right after the pod gets its IP.
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    return (await http.GetAsync($"http://{address}:8001/status")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            });
            var status = await http.GetStringAsync($"http://{address}:8001/status");
            Assert.Contains("\"configuration_hash\":\"00000000000000000000000000000000\"", status);
        }

        var endpoints = await _client.CoreV1.ReadNamespacedEndpointsAsync("kong-admin", "kong");
        Assert.Equal(pods.Select(p => p.Status.PodIP).Order(), endpoints.Subsets.Single().Addresses.Select(a => a.Ip).Order());

        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("kong-gateway", "kong");
        Assert.Equal((2, 2, 2), (deployment.Status.ReadyReplicas, deployment.Status.AvailableReplicas, deployment.Status.UpdatedReplicas));
        Assert.Equal(deployment.Metadata.Generation, deployment.Status.ObservedGeneration);
    }

    [Fact]
    public async Task Hand_written_slices_of_selectorless_services_are_left_alone()
    {
        await Eventually.HoldsAsync(async () => (await Slice("shop", "storefront"))?.Endpoints?.Count == 2);
        var manual = (await Slice("internal", "legacy-crm"))!;
        Assert.Equal("legacy-crm-manual", manual.Metadata.Name);
        Assert.Equal("192.168.10.20", manual.Endpoints.Single().Addresses.Single());
    }

    [Fact]
    public async Task Named_targetPort_resolves_to_the_container_port()
    {
        await Eventually.HoldsAsync(async () => (await Slice("shop", "storefront"))?.Endpoints?.Count == 2);
        Assert.Equal(8080, (await Slice("shop", "storefront"))!.Ports.Single().Port);
    }

    [Fact]
    public async Task Scale_subresource_changes_replicas_and_pods_converge()
    {
        var ns = fixture.NewNamespace();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Models.Deployment("web", 1), ns);
        await _client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }] },
        }, ns);
        await Eventually.HoldsAsync(async () => (await Pods(ns, "app=web")).Count == 1);

        var scale = await _client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns);
        Assert.Equal(1, scale.Spec.Replicas);
        Assert.Equal("app=web", scale.Status.Selector);
        scale.Spec.Replicas = 3;
        await _client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", ns);
        await Eventually.HoldsAsync(async () => (await Pods(ns, "app=web")).Count == 3);
        await Eventually.HoldsAsync(async () => (await Slice(ns, "web"))?.Endpoints?.Count == 3);
        await Eventually.HoldsAsync(async () => (await _client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns)).Status.Replicas == 3);

        await _client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", ns);
        await Eventually.HoldsAsync(async () => (await Pods(ns, "app=web")).Count == 1);
        await Eventually.HoldsAsync(async () => (await Slice(ns, "web"))?.Endpoints?.Count == 1);
    }

    [Fact]
    public async Task A_deleted_pod_is_replaced_and_a_deleted_deployment_takes_its_pods()
    {
        var ns = fixture.NewNamespace();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Models.Deployment("api", 2), ns);
        await Eventually.HoldsAsync(async () => (await Pods(ns, "app=api")).Count == 2);
        var victim = (await Pods(ns, "app=api"))[0].Metadata.Name;
        await _client.CoreV1.DeleteNamespacedPodAsync(victim, ns);
        await Eventually.HoldsAsync(async () =>
        {
            var pods = await Pods(ns, "app=api");
            return pods.Count == 2 && pods.All(p => p.Metadata.Name != victim);
        });

        await _client.AppsV1.DeleteNamespacedDeploymentAsync("api", ns);
        await Eventually.HoldsAsync(async () => (await Pods(ns, "app=api")).Count == 0);
    }

    [Fact]
    public async Task A_template_change_rolls_all_pods_to_the_new_hash()
    {
        var ns = fixture.NewNamespace();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Models.Deployment("roll", 2), ns);
        await Eventually.HoldsAsync(async () => (await Pods(ns, "app=roll")).Count == 2);
        var oldHash = (await Pods(ns, "app=roll"))[0].Metadata.Labels["pod-template-hash"];
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:2"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "roll", ns);
        await Eventually.HoldsAsync(async () =>
        {
            var pods = await Pods(ns, "app=roll");
            return pods.Count == 2 && pods.All(p => p.Metadata.Labels["pod-template-hash"] != oldHash && p.Spec.Containers[0].Image == "nginx:2");
        });
    }

    [Fact]
    public async Task Sim_address_annotation_gives_pods_a_chosen_address()
    {
        var ns = fixture.NewNamespace();
        var deployment = Models.Deployment("kong-local", 1);
        deployment.Spec.Template.Metadata.Annotations = new Dictionary<string, string> { ["kong-dashboard.io/sim-address"] = "127.0.0.42" };
        await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        await Eventually.HoldsAsync(async () => (await Pods(ns, "app=kong-local")).SingleOrDefault()?.Status.PodIP == "127.0.0.42");
    }

    private async Task<IList<V1Pod>> Pods(string ns, string selector) =>
        (await _client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector)).Items;

    private async Task<V1EndpointSlice?> Slice(string ns, string service) =>
        (await _client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: $"kubernetes.io/service-name={service}")).Items.SingleOrDefault();
}
