using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>The reflector against the embedded API server, through the real KubernetesClient over HTTP.</summary>
public sealed class ReflectorTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private readonly ClusterStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private IReflector _reflector = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync();
        await _cluster.Client.CoreV1.CreateNamespaceAsync(Objects.Namespace("apps"));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        await _cluster.DisposeAsync();
    }

    private void Start(ReflectorOptions? options = null)
    {
        _reflector = WatchedKinds.Ingresses.CreateReflector(_cluster.Client, _store, options ?? new ReflectorOptions(), NullLogger.Instance, () => { });
        _running = _reflector.RunAsync(_stop.Token);
    }

    private KindSet<V1Ingress> Ingresses => _store.Current.Ingresses;

    [Fact]
    public async Task Lists_existing_objects_then_follows_creates_updates_and_deletes()
    {
        await _cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("apps", "before"), "apps");
        Start();
        await Eventually.True(() => Ingresses.Contains(new ObjectKey("apps", "before")), "the listed Ingress");
        Assert.True(_reflector.Status.Synced);

        await _cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("apps", "after"), "apps");
        await Eventually.True(() => Ingresses.Contains(new ObjectKey("apps", "after")), "the created Ingress");

        var patch = new V1Patch("""{"metadata":{"labels":{"tier":"gold"}}}""", V1Patch.PatchType.MergePatch);
        await _cluster.Client.NetworkingV1.PatchNamespacedIngressAsync(patch, "after", "apps");
        await Eventually.True(() => Ingresses.Get("apps", "after")?.Metadata.Labels?.ContainsKey("tier") == true, "the label change");

        await _cluster.Client.NetworkingV1.DeleteNamespacedIngressAsync("before", "apps");
        await Eventually.True(() => !Ingresses.Contains(new ObjectKey("apps", "before")), "the deletion");
        Assert.Equal(1, _reflector.Status.Relists);
    }

    [Fact]
    public async Task A_dropped_watch_resumes_from_its_resourceVersion_without_missing_a_change()
    {
        Start();
        await Eventually.True(() => _reflector.Status.Synced, "the initial list");
        var watches = 0;
        _cluster.Server.Faults.FailNext(r => { if (r.IsWatch) { Interlocked.Increment(ref watches); } return false; }, int.MaxValue);

        _cluster.Server.Faults.DropWatches();
        await _cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("apps", "during-the-gap"), "apps");

        await Eventually.True(() => Ingresses.Contains(new ObjectKey("apps", "during-the-gap")), "the change made while disconnected");
        Assert.Equal(1, _reflector.Status.Relists); // resumed, not relisted
        Assert.True(watches >= 1);
    }

    [Fact]
    public async Task An_expired_resourceVersion_relists_and_drops_objects_deleted_meanwhile()
    {
        await _cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("apps", "doomed"), "apps");
        Start(new ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(300) });
        await Eventually.True(() => Ingresses.Contains(new ObjectKey("apps", "doomed")), "the initial list");

        // Hold the reconnect back (one failed watch), change things, and compact the history the reflector would resume from.
        _cluster.Server.Faults.FailNext(r => r.IsWatch, 1, 500);
        _cluster.Server.Faults.DropWatches();
        _cluster.Server.Store.Delete("Ingress", "apps", "doomed");
        _cluster.Server.Store.Create("Ingress", "apps", System.Text.Json.Nodes.JsonNode.Parse(KubernetesJson.Serialize(Objects.Ingress("apps", "newcomer")))!.AsObject());
        _cluster.Server.Compact();

        await Eventually.True(() => _reflector.Status.Relists >= 2, "a relist after 410 Gone");
        await Eventually.True(() => Ingresses.Contains(new ObjectKey("apps", "newcomer")) && !Ingresses.Contains(new ObjectKey("apps", "doomed")), "the relisted state");
    }

    [Fact]
    public async Task List_errors_back_off_and_recover()
    {
        var lists = 0;
        _cluster.Server.Faults.FailNext(r => !r.IsWatch && r.Method == "GET" && r.Path.EndsWith("/ingresses", StringComparison.Ordinal) && Interlocked.Increment(ref lists) <= 2, 2, 503);
        Start(new ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(50) });

        await Eventually.True(() => _reflector.Status.Synced, "the list after two failures");
        Assert.Equal(2, lists); // both injected failures were met before the list that succeeded
        Assert.Null(_reflector.Status.LastError);
    }

    [Fact]
    public async Task A_quiet_watch_that_times_out_is_renewed_without_an_error()
    {
        var watches = 0;
        _cluster.Server.Faults.FailNext(r => { if (r.IsWatch) { Interlocked.Increment(ref watches); } return false; }, int.MaxValue);
        Start(new ReflectorOptions { MinWatchTimeoutSeconds = 1, MaxWatchTimeoutSeconds = 1 });

        await Eventually.True(() => Volatile.Read(ref watches) >= 3, "two watch renewals");
        Assert.Null(_reflector.Status.LastError);
        Assert.Equal(1, _reflector.Status.Relists);

        await _cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("apps", "late"), "apps");
        await Eventually.True(() => Ingresses.Contains(new ObjectKey("apps", "late")), "a change after the renewals");
    }

    [Fact]
    public async Task An_optional_kind_that_is_not_served_is_synced_and_empty_with_the_reason()
    {
        var absent = new WatchedKind<KongPlugin>("example.konghq.com", "v1", "KongPlugin", "notinstalleds", namespaced: true, KindUse.TranslationInput, optional: true);
        var reflector = absent.CreateReflector(_cluster.Client, _store, new ReflectorOptions(), NullLogger.Instance, () => { });
        _running = reflector.RunAsync(_stop.Token);

        await Eventually.True(() => reflector.Status.Synced, "the absent kind counted as synced");
        Assert.Contains("not served", reflector.Status.Unavailable);
        Assert.Null(reflector.Status.LastError);
    }

    [Fact]
    public async Task A_forbidden_optional_kind_is_synced_and_empty_while_a_required_one_is_not()
    {
        _cluster.Server.Faults.FailNext(r => r.Path.EndsWith("/kongplugins", StringComparison.Ordinal) || r.Path.EndsWith("/ingresses", StringComparison.Ordinal), int.MaxValue, 403);
        var plugins = WatchedKinds.KongPlugins.CreateReflector(_cluster.Client, _store, new ReflectorOptions(), NullLogger.Instance, () => { });
        var pluginsRunning = plugins.RunAsync(_stop.Token);
        Start(new ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(50) });

        await Eventually.True(() => plugins.Status.Synced, "the forbidden optional kind");
        Assert.StartsWith("forbidden", plugins.Status.Unavailable);
        await Eventually.True(() => _reflector.Status.LastError?.Contains("403") == true, "the required kind's error");
        Assert.False(_reflector.Status.Synced);
        await _stop.CancelAsync();
        await pluginsRunning;
    }

    [Fact]
    public async Task An_undecodable_object_is_reported_and_skipped_and_its_kind_still_lists_and_watches()
    {
        // A KongPlugin whose "plugin" is a number, as an old client without the CRD's schema could have stored it.
        var created = _cluster.Server.Store.Create("KongPlugin", "apps", System.Text.Json.Nodes.JsonNode.Parse(
            """{"apiVersion":"configuration.konghq.com/v1","kind":"KongPlugin","metadata":{"name":"garbled","namespace":"apps"},"plugin":5}""")!.AsObject());
        Assert.NotNull(created);
        await _cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new KongPlugin { Metadata = new V1ObjectMeta { Name = "good", NamespaceProperty = "apps" }, PluginName = "key-auth" },
            "configuration.konghq.com", "v1", "apps", "kongplugins");
        var plugins = WatchedKinds.KongPlugins.CreateReflector(_cluster.Client, _store, new ReflectorOptions(), NullLogger.Instance, () => { });
        _running = plugins.RunAsync(_stop.Token);

        await Eventually.True(() => plugins.Status.Synced, "the list despite the undecodable object");
        Assert.True(_store.Current.KongPlugins.Contains(new ObjectKey("apps", "good")));
        Assert.False(_store.Current.KongPlugins.Contains(new ObjectKey("apps", "garbled")));
        var error = Assert.Single(plugins.Status.Undecodable);
        Assert.Equal(("KongPlugin", "apps", "garbled"), (error.Kind, error.Namespace, error.Name));
        Assert.Contains("cannot be decoded", error.Message);

        // The watch goes on past it, and a fixed object clears the error.
        await _cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new KongPlugin { Metadata = new V1ObjectMeta { Name = "later", NamespaceProperty = "apps" }, PluginName = "cors" },
            "configuration.konghq.com", "v1", "apps", "kongplugins");
        await Eventually.True(() => _store.Current.KongPlugins.Contains(new ObjectKey("apps", "later")), "a later object");
        await _cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"plugin":"cors"}""", V1Patch.PatchType.MergePatch), "configuration.konghq.com", "v1", "apps", "kongplugins", "garbled");
        await Eventually.True(() => _store.Current.KongPlugins.Contains(new ObjectKey("apps", "garbled")) && plugins.Status.Undecodable.IsEmpty, "the repaired object");
    }

    [Fact]
    public async Task A_throttled_list_waits_for_Retry_After_not_for_the_back_off()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var lists = 0;
        _cluster.Server.Faults.FailNext(r => { if (!r.IsWatch && r.Path.EndsWith("/ingresses", StringComparison.Ordinal)) { Interlocked.Increment(ref lists); } return false; }, int.MaxValue);
        _cluster.Server.Faults.FailNext(r => !r.IsWatch && r.Path.EndsWith("/ingresses", StringComparison.Ordinal), 1, 429, retryAfterSeconds: 30);
        Start(new ReflectorOptions { InitialBackoff = TimeSpan.FromMilliseconds(1), Time = time });

        await Eventually.True(() => _reflector.Status.LastError?.Contains("Retry-After") == true, "the throttled list");
        time.Advance(TimeSpan.FromSeconds(1)); // far past the back-off, well before the server's Retry-After
        await Task.Yield();
        Assert.False(_reflector.Status.Synced);
        Assert.Equal(1, Volatile.Read(ref lists));

        time.Advance(TimeSpan.FromSeconds(29));
        await Eventually.True(() => _reflector.Status.Synced, "the list after Retry-After");
        Assert.Equal(2, Volatile.Read(ref lists));
    }

    [Fact]
    public async Task Lists_in_pages_and_gets_every_object()
    {
        for (var i = 0; i < 5; i++)
        {
            await _cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("apps", $"paged-{i}"), "apps");
        }
        var pages = new System.Collections.Concurrent.ConcurrentBag<string>();
        _cluster.Server.Faults.FailNext(r => { if (!r.IsWatch && r.Path.EndsWith("/ingresses", StringComparison.Ordinal)) { pages.Add(r.Query); } return false; }, int.MaxValue);
        Start(new ReflectorOptions { PageSize = 2 });

        await Eventually.True(() => _reflector.Status.Synced, "the paged list");
        Assert.Equal(5, Ingresses.Count);
        Assert.Equal(3, pages.Count); // 2 + 2 + 1
        Assert.Equal(2, pages.Count(q => q.Contains("continue=", StringComparison.Ordinal)));
    }
}
