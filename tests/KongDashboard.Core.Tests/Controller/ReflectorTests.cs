using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kubernetes;
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
        _cluster.Server.Faults.FailNext(r => { if (r.IsWatch) Interlocked.Increment(ref watches); return false; }, int.MaxValue);

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
        _cluster.Server.Faults.FailNext(r => { if (r.IsWatch) Interlocked.Increment(ref watches); return false; }, int.MaxValue);
        Start(new ReflectorOptions { MinWatchTimeoutSeconds = 1, MaxWatchTimeoutSeconds = 1 });

        await Eventually.True(() => Volatile.Read(ref watches) >= 3, "two watch renewals");
        Assert.Null(_reflector.Status.LastError);
        Assert.Equal(1, _reflector.Status.Relists);

        await _cluster.Client.NetworkingV1.CreateNamespacedIngressAsync(Objects.Ingress("apps", "late"), "apps");
        await Eventually.True(() => Ingresses.Contains(new ObjectKey("apps", "late")), "a change after the renewals");
    }
}
