using System.Text;
using System.Text.Json.Nodes;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Sync.Database;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Tests.Translation;
using KongDashboard.Core.Translation;
using KongDashboard.EmbeddedCluster.KongGateway;
using KongDashboard.EmbeddedCluster.KongGateway.Database;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Core.Tests.Sync.Database;

/// <summary>Two embedded Kong nodes in DB mode sharing one database, and a DB-mode ConfigSync writing through them over real HTTP.</summary>
public sealed class DbSyncFixture : IAsyncDisposable
{
    private DbSyncFixture(KongDatabase database, List<EmbeddedKongGateway> gateways, ConfigSync sync)
    {
        Database = database;
        Gateways = gateways;
        Sync = sync;
        Http = new HttpClient { BaseAddress = gateways[1].AdminAddress };
    }

    public KongDatabase Database { get; }
    public List<EmbeddedKongGateway> Gateways { get; }
    public ConfigSync Sync { get; }

    /// <summary>A hand on the second node's Admin API, as curl would be.</summary>
    public HttpClient Http { get; }

    public static async Task<DbSyncFixture> StartAsync(TimeSpan? fullReconcile = null)
    {
        var database = new KongDatabase();
        var gateways = new List<EmbeddedKongGateway>();
        for (var i = 0; i < 2; i++)
        {
            gateways.Add(await EmbeddedKongGateway.StartAsync(new KongGatewayOptions { Database = database, DbUpdateFrequency = TimeSpan.FromMilliseconds(100), NodeName = $"kong-{i}" }));
        }

        var options = new KongSyncOptions
        {
            AdminUrls = gateways.Select(g => g.AdminAddress.ToString()).ToList(),
            Database = "postgres",
            StatusInterval = TimeSpan.FromMilliseconds(100),
            InitialRetryDelay = TimeSpan.FromMilliseconds(100),
            FullReconcileInterval = fullReconcile ?? TimeSpan.FromHours(1),
        };
        var sync = new ConfigSync(options, new TranslatorOptions(), NullLoggerFactory.Instance);
        sync.SetEnabled(true);
        await sync.OnSnapshotAsync(ClusterSnapshot.Empty);
        return new DbSyncFixture(database, gateways, sync);
    }

    private static readonly Dictionary<string, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>> Made = [];

    /// <summary>The same objects (same uids, so the same k8s-uid tags) for the same names, as a cluster keeps them.</summary>
    public static ClusterSnapshot Snapshot(params string[] ingressNames)
    {
        lock (Made)
        {
            var objects = new List<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>> { Object("service:web", () => Objects.Service("apps", "web")) };
            objects.AddRange(ingressNames.Select(n => Object("ingress:" + n, () => Objects.Ingress("apps", n, path: "/" + n))));
            return ClusterSnapshotBuilder.From(objects, out _);
        }
    }

    private static k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> Object(string key, Func<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>> make) =>
        Made.TryGetValue(key, out var made) ? made : Made[key] = make();

    public void Translate(ClusterSnapshot snapshot) => Sync.OnTranslation(snapshot, new Translator(new TranslatorOptions()).Translate(snapshot));

    public IReadOnlyList<string> RouteNames() => Database.Rows("routes").Select(r => r["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

    public DbSyncHistory History => Sync.Database!.Reports.Current;

    public async Task<int> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    public async Task<JsonObject> GetAsync(string path) => (JsonObject)JsonNode.Parse(await Http.GetStringAsync(path))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Sync.DisposeAsync();
        foreach (var gateway in Gateways)
        {
            await gateway.DisposeAsync();
        }
    }
}
