using System.Text.Json;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.GatewayApiStatus;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static KongDashboard.Core.Tests.GatewayApiStatus.StatusFixtures;

namespace KongDashboard.Core.Tests.GatewayApiStatus;

/// <summary>The writer through the real KubernetesClient against the embedded API server.</summary>
public sealed class StatusWriterTests : IAsyncLifetime
{
    private const string Group = "gateway.networking.k8s.io";
    private TestCluster _cluster = null!;
    private int _writes;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        _cluster.Server.Faults.FailNext(r =>
        {
            if (r.Method is "PATCH" or "PUT")
            {
                Interlocked.Increment(ref _writes);
            }
            return false;
        }, int.MaxValue);
        var source = Snapshot(Gateway(HttpListener), HttpRoute("  - name: gw"));
        await _cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "kong" } });
        var proxy = source.Services.Get("kong", "kong-proxy")!;
        proxy.Status = null;
        await _cluster.Client.CoreV1.CreateNamespacedServiceAsync(proxy, "kong");
        foreach (var cls in source.Get(WatchedKinds.GatewayClasses))
        {
            cls.Status = null;
            await _cluster.Client.CustomObjects.CreateClusterCustomObjectAsync(cls, Group, "v1", "gatewayclasses");
        }
        await _cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(source.Get(WatchedKinds.Gateways).Single(), Group, "v1", "default", "gateways");
        await _cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(source.Get(WatchedKinds.HttpRoutes).Single(), Group, "v1", "default", "httproutes");
        _writes = 0;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<T> Read<T>(string plural, string? ns, string name)
    {
        var json = ns is null
            ? await _cluster.Client.CustomObjects.GetClusterCustomObjectAsync(Group, "v1", plural, name)
            : await _cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1", ns, plural, name);
        return KubernetesJson.Deserialize<T>(((JsonElement)json).GetRawText());
    }

    /// <summary>What a reflector would hold: the objects as the server has them now.</summary>
    private async Task<ClusterSnapshot> ServerSnapshot() => ClusterSnapshotBuilder.From(
    [
        await _cluster.Client.CoreV1.ReadNamespacedServiceAsync("kong-proxy", "kong"),
        await Read<GatewayClass>("gatewayclasses", null, "kong"),
        await Read<GatewayClass>("gatewayclasses", null, "other"),
        await Read<Gateway>("gateways", "default", "gw"),
        await Read<HttpRoute>("httproutes", "default", "route"),
    ]);

    private StatusWriter Writer(bool mayWrite) => new(_cluster.Client, () => mayWrite, TimeProvider.System, NullLogger<StatusWriter>.Instance);

    [Fact]
    public async Task AnObserverWritesNothingTheLeaderWritesUntilNothingDiffers()
    {
        Assert.Equal(0, await Writer(mayWrite: false).WriteAsync(await ServerSnapshot(), Settings, CancellationToken.None));
        Assert.Equal(0, _writes);

        var leader = Writer(mayWrite: true);
        Assert.Equal(3, await leader.WriteAsync(await ServerSnapshot(), Settings, CancellationToken.None));
        Assert.Equal(3, _writes);
        var route = await Read<HttpRoute>("httproutes", "default", "route");
        var parent = Assert.Single(route.Status!.Parents!);
        Assert.Equal("True/Accepted", parent.Conditions!.Where(c => c.Type == "Accepted").Select(c => $"{c.Status}/{c.Reason}").Single());
        Assert.Equal("Accepted", (await Read<GatewayClass>("gatewayclasses", null, "kong")).Status!.Conditions!.Single().Reason);
        Assert.Null((await Read<GatewayClass>("gatewayclasses", null, "other")).Status);

        // The route's status now names the Gateway: attachedRoutes becomes 1 (one more write), then nothing differs.
        Assert.Equal(1, await leader.WriteAsync(await ServerSnapshot(), Settings, CancellationToken.None));
        Assert.Equal(1, (await Read<Gateway>("gateways", "default", "gw")).Status!.Listeners!.Single().AttachedRoutes);
        Assert.Equal(0, await leader.WriteAsync(await ServerSnapshot(), Settings, CancellationToken.None));
        Assert.Equal(4, _writes);
    }
}
