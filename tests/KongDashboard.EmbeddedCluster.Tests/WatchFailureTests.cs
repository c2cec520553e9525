using k8s;
using KongDashboard.EmbeddedCluster.Store;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>Watch failure paths; each test owns its server because Compact and DropWatches are global.</summary>
public sealed class WatchFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task After_Compact_an_old_resourceVersion_gets_ERROR_410_via_onError_and_the_stream_ends()
    {
        var (server, client) = await PrivateServer.StartAsync();
        await using var _ = server;
        using var __ = client;
        var rv = (await client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion;
        await client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("after"), "default");
        server.Compact();

        Exception? error = null;
        var events = 0;
        using var cts = new CancellationTokenSource(Timeout);
        await foreach (var _e in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: rv, onError: e => error = e, cancellationToken: cts.Token))
        {
            events++;
        }

        Assert.Equal(0, events);
        var status = Assert.IsType<KubernetesException>(error).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
        Assert.StartsWith($"too old resource version: {rv} (", status.Message);
    }

    [Fact]
    public async Task History_beyond_HistoryLimit_is_forgotten()
    {
        var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions { Seed = false, RunControllers = false, HistoryLimit = 2 });
        await using var _ = server;
        var rv = server.Store.ResourceVersion;
        for (var i = 0; i < 3; i++)
        {
            server.Store.Create("ConfigMap", "default", Json.Parse($$$"""{"metadata":{"name":"c{{{i}}}"}}"""));
        }

        using var watch = server.Store.Watch("ConfigMap", rv, ns: "default");
        var ev = await watch.Events.ReadAsync();
        Assert.Equal(WatchEvent.Error, ev.Type);
        Assert.Equal(410, ev.Object["code"]!.AsInt());
    }

    [Fact]
    public async Task DropWatches_breaks_open_client_watches_and_a_new_watch_works()
    {
        var (server, client) = await PrivateServer.StartAsync();
        await using var _ = server;
        using var __ = client;
        await client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("x"), "default");

        using var cts = new CancellationTokenSource(Timeout);
        var received = 0;
        var failure = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _e in client.CoreV1.WatchListNamespacedConfigMapAsync("default", onError: e => throw e, cancellationToken: cts.Token))
            {
                received++;
                server.Faults.DropWatches();
            }
        });
        Assert.Equal(1, received);
        Assert.False(cts.IsCancellationRequested, "the dropped stream must surface, not hang until the timeout");
        Assert.True(failure is IOException or HttpRequestException, $"unexpected {failure?.GetType().Name ?? "normal end"}: {failure}");

        await foreach (var (type, cm) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", onError: e => throw e, cancellationToken: cts.Token))
        {
            Assert.Equal((WatchEventType.Added, "x"), (type, cm.Metadata.Name));
            break;
        }
    }

    [Fact]
    public async Task Streaming_list_ends_its_initial_events_with_the_annotated_bookmark()
    {
        var (server, client) = await PrivateServer.StartAsync(seed: true);
        await using var _ = server;
        using var __ = client;
        using var cts = new CancellationTokenSource(Timeout);
        var added = 0;
        await foreach (var (type, ingress) in client.NetworkingV1.WatchListNamespacedIngressAsync("media", allowWatchBookmarks: true, sendInitialEvents: true,
            resourceVersionMatch: "NotOlderThan", onError: e => throw e, cancellationToken: cts.Token))
        {
            if (type == WatchEventType.Added)
            {
                added++;
            }

            if (type != WatchEventType.Bookmark)
            {
                continue;
            }

            Assert.Equal("true", ingress.Metadata.Annotations["k8s.io/initial-events-end"]);
            break;
        }
        var seeded = Seed.DemoSeed.Documents().Count(d => d["kind"]?.ToString() == "Ingress" && d["metadata"]?["namespace"]?.ToString() == "media");
        Assert.True(seeded >= 4, $"{seeded} seeded media Ingresses");
        Assert.Equal(seeded, added);
    }
}
