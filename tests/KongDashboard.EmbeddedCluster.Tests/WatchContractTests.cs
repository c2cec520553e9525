using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>The watch wire contract, observed through the real KubernetesClient over HTTP.</summary>
public sealed class WatchContractTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IKubernetes _client = fixture.Client;

    [Fact]
    public async Task List_then_watch_without_resourceVersion_sends_synthetic_ADDED_for_every_object()
    {
        var list = await _client.NetworkingV1.ListNamespacedIngressAsync("shop");
        Assert.True(list.Items.Count >= 5);
        Assert.False(string.IsNullOrEmpty(list.Metadata.ResourceVersion));

        using var cts = new CancellationTokenSource(Timeout);
        var seen = new HashSet<string>();
        await foreach (var (type, ingress) in _client.NetworkingV1.WatchListNamespacedIngressAsync("shop", onError: e => throw e, cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Added, type);
            seen.Add(ingress.Metadata.Name);
            if (seen.Count == list.Items.Count)
            {
                break;
            }
        }
        Assert.Equal(list.Items.Select(i => i.Metadata.Name).ToHashSet(), seen);
    }

    [Fact]
    public async Task Watch_from_a_resourceVersion_replays_what_was_missed_then_goes_live()
    {
        var ns = fixture.NewNamespace();
        var rv = (await _client.CoreV1.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
        await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("missed-1"), ns);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("missed-2"), ns);

        using var cts = new CancellationTokenSource(Timeout);
        var events = new List<(WatchEventType, string)>();
        await foreach (var (type, cm) in _client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: rv, onError: e => throw e, cancellationToken: cts.Token))
        {
            events.Add((type, cm.Metadata.Name));
            if (events.Count == 2)
            {
                await _client.CoreV1.DeleteNamespacedConfigMapAsync("missed-1", ns, cancellationToken: cts.Token);
            }

            if (events.Count == 3)
            {
                break;
            }
        }
        Assert.Equal([(WatchEventType.Added, "missed-1"), (WatchEventType.Added, "missed-2"), (WatchEventType.Deleted, "missed-1")], events);
    }

    [Fact]
    public async Task Bookmarks_carry_only_the_current_resourceVersion()
    {
        var ns = fixture.NewNamespace();
        var rv = (await _client.CoreV1.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
        using var cts = new CancellationTokenSource(Timeout);
        await foreach (var (type, cm) in _client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: rv, allowWatchBookmarks: true, onError: e => throw e, cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Bookmark, type);
            Assert.Null(cm.Metadata.Name);
            Assert.True(long.Parse(cm.Metadata.ResourceVersion) >= long.Parse(rv));
            break;
        }
    }

    [Fact]
    public async Task Selectors_apply_to_watch_and_an_object_leaving_the_label_selection_is_DELETED()
    {
        var ns = fixture.NewNamespace();
        var rv = (await _client.CoreV1.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
        await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("blue", new Dictionary<string, string> { ["tier"] = "web" }), ns);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("green", new Dictionary<string, string> { ["tier"] = "db" }), ns);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("red", new Dictionary<string, string> { ["tier"] = "web" }), ns);

        using var cts = new CancellationTokenSource(Timeout);
        var events = new List<(WatchEventType, string)>();
        await foreach (var (type, cm) in _client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: rv,
            labelSelector: "tier in (web),tier!=db", fieldSelector: "metadata.name!=red", onError: e => throw e, cancellationToken: cts.Token))
        {
            events.Add((type, cm.Metadata.Name));
            if (events.Count == 1)
            {
                var patch = new V1Patch("""{"metadata":{"labels":{"tier":"cache"}}}""", V1Patch.PatchType.MergePatch);
                await _client.CoreV1.PatchNamespacedConfigMapAsync(patch, "blue", ns, cancellationToken: cts.Token);
            }
            if (events.Count == 2)
            {
                break;
            }
        }
        Assert.Equal([(WatchEventType.Added, "blue"), (WatchEventType.Deleted, "blue")], events);
    }

    [Fact]
    public async Task TimeoutSeconds_closes_a_watch_cleanly_after_events()
    {
        var ns = fixture.NewNamespace();
        await _client.CoreV1.CreateNamespacedConfigMapAsync(Models.ConfigMap("one"), ns);
        var count = 0;
        await foreach (var _ in _client.CoreV1.WatchListNamespacedConfigMapAsync(ns, timeoutSeconds: 1, onError: e => throw e))
        {
            count++;
        }

        Assert.Equal(1, count);
    }

    /// <summary>Pins the client quirk: a stream that ends with zero lines surfaces as HttpRequestException(EndOfStreamException).</summary>
    [Fact]
    public async Task TimeoutSeconds_on_a_quiet_watch_surfaces_as_EndOfStream_in_the_client()
    {
        var ns = fixture.NewNamespace();
        var rv = (await _client.CoreV1.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in _client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: rv, timeoutSeconds: 1))
            {
            }
        });
        Assert.IsType<HttpRequestException>(error);
        Assert.Contains(Chain(error), e => e is EndOfStreamException);
    }

    [Fact]
    public async Task Watch_with_a_bad_label_selector_is_a_400()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(async () =>
        {
            await foreach (var _ in _client.CoreV1.WatchListNamespacedConfigMapAsync("kong", labelSelector: "a in (b", timeoutSeconds: 1))
            {
            }
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Response.StatusCode);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }
}
