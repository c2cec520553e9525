using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>Verbs, status codes and Status bodies, observed through the real KubernetesClient over HTTP.</summary>
public sealed class CrudContractTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly IKubernetes _client = fixture.Client;

    [Fact]
    public async Task Create_sets_server_fields_and_returns_201_content()
    {
        var ns = fixture.NewNamespace();
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("a"), ns);
        Assert.Equal(ns, created.Metadata.NamespaceProperty);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(created.Metadata.ResourceVersion, (await _client.CoreV1.ReadNamespacedConfigMapAsync("a", ns)).Metadata.ResourceVersion);

        var generated = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, ns);
        Assert.Matches("^gen-[a-z0-9]{5}$", generated.Metadata.Name);
    }

    [Fact]
    public async Task Duplicate_create_is_409_AlreadyExists_with_the_real_message()
    {
        var ns = fixture.NewNamespace();
        await _client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "x" }, Spec = new V1LeaseSpec() }, ns);
        var status = await FailsWith(HttpStatusCode.Conflict,
            () => _client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "x" } }, ns));
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal("leases.coordination.k8s.io \"x\" already exists", status.Message);
        Assert.Equal("coordination.k8s.io", status.Details.Group);
        Assert.Equal("leases", status.Details.Kind);
    }

    [Fact]
    public async Task Stale_resourceVersion_on_PUT_is_409_Conflict_and_Lease_needs_a_resourceVersion()
    {
        var ns = fixture.NewNamespace();
        var lease = await _client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "x" }, Spec = new V1LeaseSpec { HolderIdentity = "a" } }, ns);
        var stale = lease.Metadata.ResourceVersion;
        lease.Spec.HolderIdentity = "b";
        var updated = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "x", ns);
        Assert.NotEqual(stale, updated.Metadata.ResourceVersion);

        lease.Spec.HolderIdentity = "c";
        var status = await FailsWith(HttpStatusCode.Conflict, () => _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "x", ns));
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal("Operation cannot be fulfilled on leases.coordination.k8s.io \"x\": the object has been modified; please apply your changes to the latest version and try again", status.Message);

        lease.Metadata.ResourceVersion = null;
        await FailsWith(HttpStatusCode.Conflict, () => _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "x", ns));
    }

    [Fact]
    public async Task PUT_on_a_missing_Lease_creates_it_but_other_kinds_get_404()
    {
        var ns = fixture.NewNamespace();
        var response = await _client.CoordinationV1.ReplaceNamespacedLeaseWithHttpMessagesAsync(
            new V1Lease { Metadata = new V1ObjectMeta { Name = "fresh" }, Spec = new V1LeaseSpec { HolderIdentity = "me" } }, "fresh", ns);
        Assert.Equal(HttpStatusCode.Created, response.Response.StatusCode);
        Assert.Equal("me", response.Body.Spec.HolderIdentity);
        await FailsWith(HttpStatusCode.NotFound, () => _client.CoreV1.ReplaceNamespacedConfigMapAsync(Models.ConfigMap("nope"), "nope", ns));
    }

    [Fact]
    public async Task Missing_objects_and_namespaces_are_404_NotFound()
    {
        var status = await FailsWith(HttpStatusCode.NotFound, () => _client.NetworkingV1.ReadNamespacedIngressAsync("nope", "shop"));
        Assert.Equal("NotFound", status.Reason);
        Assert.Equal("ingresses.networking.k8s.io \"nope\" not found", status.Message);
        await FailsWith(HttpStatusCode.NotFound, () => _client.CoreV1.DeleteNamespacedConfigMapAsync("nope", "shop"));
        var ns = await FailsWith(HttpStatusCode.NotFound, () => _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("a"), "no-such-namespace"));
        Assert.Equal("namespaces \"no-such-namespace\" not found", ns.Message);
    }

    [Fact]
    public async Task Missing_name_is_422_Invalid()
    {
        var status = await FailsWith(HttpStatusCode.UnprocessableEntity,
            () => _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta() }, "default"));
        Assert.Equal("Invalid", status.Reason);
    }

    [Fact]
    public async Task Merge_patch_merges_maps_and_null_deletes()
    {
        var ns = fixture.NewNamespace();
        var cm = Models.ConfigMap("m");
        cm.Data["gone"] = "x";
        await _client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        var patch = new V1Patch("""{"data":{"added":"y","gone":null},"metadata":{"annotations":{"a":"b"}}}""", V1Patch.PatchType.MergePatch);
        var patched = await _client.CoreV1.PatchNamespacedConfigMapAsync(patch, "m", ns);
        Assert.Equal(new Dictionary<string, string> { ["key"] = "v", ["added"] = "y" }, patched.Data);
        Assert.Equal("b", patched.Metadata.Annotations["a"]);
    }

    [Fact]
    public async Task Json_patch_and_stale_resourceVersion_in_a_patch()
    {
        var ns = fixture.NewNamespace();
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("j"), ns);
        var patched = await _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""[{"op":"add","path":"/data/x","value":"1"},{"op":"remove","path":"/data/key"}]""", V1Patch.PatchType.JsonPatch), "j", ns);
        Assert.Equal(new Dictionary<string, string> { ["x"] = "1" }, patched.Data);
        await FailsWith(HttpStatusCode.Conflict, () => _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch($$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"data":{"y":"2"}}""", V1Patch.PatchType.MergePatch), "j", ns));
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name_and_env_by_name()
    {
        var ns = fixture.NewNamespace();
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Models.Deployment("smp", 0), ns);
        var patch = new V1Patch("""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"web","image":"nginx:1.28","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}]},
              {"name":"sidecar","$patch":"delete"},
              {"name":"metrics","image":"prom/statsd-exporter"}]}}}}
            """, V1Patch.PatchType.StrategicMergePatch);
        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(patch, "smp", ns);

        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["web", "metrics"], containers.Select(c => c.Name));
        Assert.Equal("nginx:1.28", containers[0].Image);
        Assert.Equal(8080, containers[0].Ports.Single().ContainerPort); // untouched fields survive
        Assert.Equal([("A", "1"), ("B", "20"), ("C", "3")], containers[0].Env.Select(e => (e.Name, e.Value)));
        Assert.Equal(created.Metadata.Generation + 1, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Status_subresource_changes_only_status_and_the_main_resource_ignores_status()
    {
        var ns = fixture.NewNamespace();
        var ingress = new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "i" },
            // A valid Ingress needs rules or a default backend (ValidateIngressSpec).
            Spec = new V1IngressSpec
            {
                IngressClassName = "kong",
                DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } },
            },
        };
        var created = await _client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns);

        created.Spec.IngressClassName = "changed-via-status";
        created.Status = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = "203.0.113.7" }] } };
        var afterStatus = await _client.NetworkingV1.ReplaceNamespacedIngressStatusAsync(created, "i", ns);
        Assert.Equal("kong", afterStatus.Spec.IngressClassName);
        Assert.Equal("203.0.113.7", afterStatus.Status.LoadBalancer.Ingress.Single().Ip);
        Assert.Equal(created.Metadata.Generation, afterStatus.Metadata.Generation);

        afterStatus.Status.LoadBalancer.Ingress[0].Ip = "198.51.100.1";
        afterStatus.Spec.IngressClassName = "other";
        var afterMain = await _client.NetworkingV1.ReplaceNamespacedIngressAsync(afterStatus, "i", ns);
        Assert.Equal("other", afterMain.Spec.IngressClassName);
        Assert.Equal("203.0.113.7", afterMain.Status.LoadBalancer.Ingress.Single().Ip);
        Assert.Equal(created.Metadata.Generation + 1, afterMain.Metadata.Generation);

        var patched = await _client.NetworkingV1.PatchNamespacedIngressStatusAsync(
            new V1Patch("""{"status":{"loadBalancer":{"ingress":[{"hostname":"lb.example.com"}]}},"spec":{"ingressClassName":"ignored"}}""", V1Patch.PatchType.MergePatch), "i", ns);
        Assert.Equal("lb.example.com", patched.Status.LoadBalancer.Ingress.Single().Hostname);
        Assert.Equal("other", patched.Spec.IngressClassName);
    }

    [Fact]
    public async Task Label_and_field_selectors_filter_lists()
    {
        var ns = fixture.NewNamespace();
        await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("a", new Dictionary<string, string> { ["env"] = "prod", ["team"] = "x" }), ns);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("b", new Dictionary<string, string> { ["env"] = "dev" }), ns);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("c"), ns);

        async Task<string[]> Names(string? labels = null, string? fields = null) =>
            (await _client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: labels, fieldSelector: fields)).Items.Select(i => i.Metadata.Name).Order().ToArray();

        Assert.Equal(["a"], await Names("env=prod"));
        Assert.Equal(["a"], await Names("env==prod,team"));
        Assert.Equal(["b", "c"], await Names("env!=prod"));
        Assert.Equal(["a", "b"], await Names("env in (prod, dev)"));
        Assert.Equal(["c"], await Names("env notin (prod,dev)"));
        Assert.Equal(["a", "b"], await Names("env"));
        Assert.Equal(["c"], await Names("!env"));
        Assert.Equal(["b"], await Names(fields: "metadata.name=b"));
        Assert.Equal(["a", "c"], await Names(fields: "metadata.name!=b"));
        var all = await _client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: $"metadata.namespace={ns},metadata.name==c");
        Assert.Equal(["c"], all.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task Injected_faults_answer_500_then_429_with_Retry_After_then_recover()
    {
        var ns = fixture.NewNamespace();
        fixture.Server.Faults.FailNext(r => r.Method == "GET" && r.Path.Contains($"/namespaces/{ns}/configmaps"), 1, 500);
        fixture.Server.Faults.FailNext(r => r.Method == "GET" && r.Path.Contains($"/namespaces/{ns}/configmaps"), 1, 429, retryAfterSeconds: 3);

        await FailsWith(HttpStatusCode.InternalServerError, () => _client.CoreV1.ListNamespacedConfigMapAsync(ns));
        var throttled = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ListNamespacedConfigMapAsync(ns));
        Assert.Equal((HttpStatusCode)429, throttled.Response.StatusCode);
        Assert.Equal("3", throttled.Response.Headers["Retry-After"].Single());
        Assert.Empty((await _client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items);
    }

    [Fact]
    public async Task Pod_metrics_are_served_read_only_from_the_source()
    {
        // Its own namespace: the load simulation publishes metrics for the seeded pods.
        var ns = fixture.NewNamespace("metrics");
        fixture.Server.PodMetrics.Set(ns, "kong-gateway-abc", [new ContainerUsage("proxy", "250m", "300Mi")]);
        var list = await _client.GetKubernetesPodsMetricsByNamespaceAsync(ns);
        var item = Assert.Single(list.Items);
        Assert.Equal(0.25m, item.Containers.Single().Usage["cpu"].ToDecimal());
        fixture.Server.PodMetrics.Remove(ns, "kong-gateway-abc");
        Assert.Empty((await _client.GetKubernetesPodsMetricsByNamespaceAsync(ns)).Items);
    }

    private static async Task<V1Status> FailsWith<T>(HttpStatusCode code, Func<Task<T>> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(code, e.Response.StatusCode);
        return KubernetesJson.Deserialize<V1Status>(e.Response.Content);
    }
}
