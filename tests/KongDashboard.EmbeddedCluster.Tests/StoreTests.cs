using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>In-process use of the store (what simulations do), same semantics as the REST API.</summary>
public sealed class StoreTests
{
    private static ResourceStore NewStore()
    {
        var store = new ResourceStore();
        store.Create("Namespace", null, Json.Parse("""{"metadata":{"name":"ns"}}"""));
        return store;
    }

    [Fact]
    public async Task In_process_watch_sees_writes_in_commit_order_with_selectors()
    {
        var store = NewStore();
        store.Create("ConfigMap", "ns", Json.Parse("""{"metadata":{"name":"old","labels":{"a":"1"}}}"""));
        using var watch = store.Watch("ConfigMap", labelSelector: "a=1", ns: "ns");
        store.Create("ConfigMap", "ns", Json.Parse("""{"metadata":{"name":"other"}}"""));
        store.Patch("ConfigMap", "ns", "old", PatchType.Merge, Json.Parse("""{"data":{"k":"v"}}"""));
        store.Delete("ConfigMap", "ns", "old");

        var events = new List<string>();
        await foreach (var ev in watch.ReadAllAsync())
        {
            events.Add($"{ev.Type} {ev.Object.Name()}");
            if (events.Count == 3)
            {
                break;
            }
        }
        Assert.Equal(["ADDED old", "MODIFIED old", "DELETED old"], events);
    }

    [Fact]
    public void A_write_that_changes_nothing_keeps_the_resourceVersion()
    {
        var store = NewStore();
        var created = store.Create("ConfigMap", "ns", Json.Parse("""{"metadata":{"name":"c"},"data":{"k":"v"}}"""));
        var rv = store.ResourceVersion;
        var same = store.Replace("ConfigMap", "ns", "c", created).Object;
        Assert.Equal(created.ResourceVersion(), same.ResourceVersion());
        Assert.Equal(rv, store.ResourceVersion);
    }

    [Fact]
    public void Concurrent_writers_get_unique_increasing_resourceVersions()
    {
        var store = NewStore();
        var rvs = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 200, i =>
            rvs.Add(long.Parse(store.Create("ConfigMap", "ns", new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"c{i}" } }).ResourceVersion()!)));
        Assert.Equal(200, rvs.Distinct().Count());
        Assert.Equal(200, store.List("ConfigMap", "ns").Count);
    }
}
