using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Translation;
using KongDashboard.EmbeddedCluster.KongGateway;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Core.Tests.Sync;

/// <summary>Embedded Kong Admin APIs on loopback and a ConfigSync pushing to them over real HTTP (static URLs).</summary>
public sealed class GatewayFixture : IAsyncDisposable
{
    private GatewayFixture(List<EmbeddedKongGateway> gateways, ConfigSync sync)
    {
        Gateways = gateways;
        Sync = sync;
    }

    public List<EmbeddedKongGateway> Gateways { get; }

    public ConfigSync Sync { get; }

    public static async Task<GatewayFixture> StartAsync(
        int count,
        TranslatorOptions? translator = null,
        IReadOnlyList<IReadOnlyList<string>>? brokenObjects = null,
        Func<int, TimeSpan?>? delay = null,
        ISyncListener? listener = null,
        string? preloaded = null)
    {
        var gateways = new List<EmbeddedKongGateway>();
        var armed = preloaded is null; // the preload itself is not refused
        for (var i = 0; i < count; i++)
        {
            gateways.Add(await EmbeddedKongGateway.StartAsync(new KongGatewayOptions
            {
                BrokenObjects = () => armed ? brokenObjects ?? [] : [],
                ResponseDelay = delay?.Invoke(i),
            }));
        }

        // A configuration the gateways hold before this controller starts (loaded over their Admin API).
        if (preloaded is not null)
        {
            using var http = new HttpClient();
            foreach (var gateway in gateways)
            {
                using var response = await http.PostAsync(new Uri(gateway.AdminAddress, "/config"),
                    new StringContent(preloaded, System.Text.Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
            }
            armed = true;
        }

        var options = new KongSyncOptions
        {
            AdminUrls = gateways.Select(g => g.AdminAddress.ToString()).ToList(),
            StatusInterval = TimeSpan.FromMilliseconds(100),
            InitialRetryDelay = TimeSpan.FromMilliseconds(100),
        };
        var sync = new ConfigSync(options, translator ?? new TranslatorOptions(), NullLoggerFactory.Instance, listener);
        sync.SetEnabled(true);
        await sync.OnSnapshotAsync(ClusterSnapshot.Empty);
        return new GatewayFixture(gateways, sync);
    }

    public GatewayStatus StatusOf(EmbeddedKongGateway gateway) =>
        Sync.State.Current.Gateways.Single(g => g.AdminUrl == gateway.AdminAddress);

    public async ValueTask DisposeAsync()
    {
        await Sync.DisposeAsync();
        foreach (var gateway in Gateways)
        {
            await gateway.DisposeAsync();
        }
    }
}
