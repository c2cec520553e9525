using System.Net;
using k8s;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;
using static KongDashboard.EmbeddedCluster.Tests.TestSupport.Failures;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>Finalizers, propagation policies with garbage collection, and namespace termination (real-systems.md B9).</summary>
public sealed class DeletionTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly IKubernetes _client = fixture.Client;
    private readonly string _dir = Directory.CreateTempSubdirectory("deletion-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task An_object_with_finalizers_is_marked_then_removed_when_the_last_goes()
    {
        var ns = fixture.NewNamespace();
        await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } }, ns);

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("held", ns);
        var marked = await _client.CoreV1.ReadNamespacedConfigMapAsync("held", ns);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Equal(0, marked.Metadata.DeletionGracePeriodSeconds);

        // No new finalizers on a terminating object.
        var add = new V1Patch("{\"metadata\":{\"finalizers\":[\"example.com/hold\",\"example.com/more\"]}}", V1Patch.PatchType.MergePatch);
        var status = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.CoreV1.PatchNamespacedConfigMapAsync(add, "held", ns));
        Assert.Contains("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/more\"}", status.Message);

        await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "held", ns);
        await FailsWith(HttpStatusCode.NotFound, () => _client.CoreV1.ReadNamespacedConfigMapAsync("held", ns));
    }

    [Fact]
    public async Task Orphan_keeps_a_deployments_pods_and_background_deletes_them_through_kubectl()
    {
        var (server, client) = await PrivateServer.StartAsync(controllers: true);
        await using var _ = server;
        using var __ = client;
        var kubectl = new Kubectl(server.WriteKubeconfig(Path.Combine(_dir, "kubeconfig")), Path.Combine(_dir, "cache"));
        await client.AppsV1.CreateNamespacedDeploymentAsync(Models.Deployment("kept", 2), "default");
        await client.AppsV1.CreateNamespacedDeploymentAsync(Models.Deployment("gone", 2), "default");
        await Eventually.HoldsAsync(async () => (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app in (kept,gone)")).Items.Count == 4);

        Assert.Contains("deployment.apps \"kept\" deleted", await kubectl.OkAsync("delete", "deployment", "kept", "-n", "default", "--cascade=orphan"));
        await Eventually.HoldsAsync(async () => (await client.AppsV1.ListNamespacedDeploymentAsync("default", fieldSelector: "metadata.name=kept")).Items.Count == 0);
        var orphans = (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=kept")).Items;
        Assert.Equal(2, orphans.Count);
        Assert.All(orphans, p => Assert.Null(p.Metadata.OwnerReferences));

        await kubectl.OkAsync("delete", "deployment", "gone", "-n", "default");
        await Eventually.HoldsAsync(async () => (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=gone")).Items.Count == 0);
        Assert.Equal(2, (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=kept")).Items.Count);
    }

    [Fact]
    public async Task Foreground_keeps_the_owner_until_its_dependents_are_gone()
    {
        var ns = fixture.NewNamespace();
        var owner = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        var reference = new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, BlockOwnerDeletion = true };
        await _client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dependent", OwnerReferences = [reference], Finalizers = ["example.com/hold"] } }, ns);

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Foreground");
        // The dependent is held by its own finalizer, so the owner waits with foregroundDeletion.
        await Eventually.HoldsAsync(async () => (await _client.CoreV1.ReadNamespacedConfigMapAsync("dependent", ns)).Metadata.DeletionTimestamp is not null);
        var waiting = await _client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns);
        Assert.Contains("foregroundDeletion", waiting.Metadata.Finalizers);
        Assert.NotNull(waiting.Metadata.DeletionTimestamp);

        await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "dependent", ns);
        await Eventually.HoldsAsync(async () => (await _client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Count == 0);
    }

    [Fact]
    public async Task A_deleted_namespace_is_Terminating_refuses_new_content_then_goes()
    {
        var ns = fixture.NewNamespace();
        await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } }, ns);

        var deleted = await _client.CoreV1.DeleteNamespaceAsync(ns);
        var terminating = await _client.CoreV1.ReadNamespaceAsync(ns);
        Assert.Equal("Terminating", terminating.Status.Phase);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Equal(["kubernetes"], terminating.Spec.Finalizers);

        var refused = await FailsWith(HttpStatusCode.Forbidden,
            () => _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "late" } }, ns));
        Assert.Equal($"configmaps \"late\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", refused.Message);
        var cause = Assert.Single(refused.Details.Causes);
        Assert.Equal(("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace"), (cause.Reason, cause.Message, cause.Field));

        // The held object is marked by the namespace controller; once released, the namespace goes.
        await Eventually.HoldsAsync(async () => (await _client.CoreV1.ReadNamespacedConfigMapAsync("held", ns)).Metadata.DeletionTimestamp is not null);
        await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "held", ns);
        await Eventually.HoldsAsync(async () => (await _client.CoreV1.ListNamespaceAsync(fieldSelector: $"metadata.name={ns}")).Items.Count == 0);

        var system = await FailsWith(HttpStatusCode.Forbidden, () => _client.CoreV1.DeleteNamespaceAsync("default"));
        Assert.Equal("namespaces \"default\" is forbidden: this namespace may not be deleted", system.Message);
    }

    [Fact]
    public async Task A_terminating_pods_endpoint_is_marked_terminating_and_not_ready()
    {
        var (server, client) = await PrivateServer.StartAsync(controllers: true);
        await using var _ = server;
        using var __ = client;
        await client.AppsV1.CreateNamespacedDeploymentAsync(Models.Deployment("web", 1), "default");
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, "default");
        async Task<V1Endpoint?> Endpoint() => (await client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web"))
            .Items.SingleOrDefault()?.Endpoints?.SingleOrDefault();
        await Eventually.HoldsAsync(async () => (await Endpoint())?.Conditions.Ready == true);
        Assert.False((await Endpoint())!.Conditions.Terminating); // positive control

        var pod = (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web")).Items.Single().Metadata.Name;
        await client.CoreV1.PatchNamespacedPodAsync(new V1Patch("{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}", V1Patch.PatchType.MergePatch), pod, "default");
        await client.CoreV1.DeleteNamespacedPodAsync(pod, "default");
        await Eventually.HoldsAsync(async () => (await Endpoint())?.Conditions.Terminating == true);
        var endpoint = (await Endpoint())!;
        Assert.False(endpoint.Conditions.Ready);
        Assert.True(endpoint.Conditions.Serving);
    }
}
