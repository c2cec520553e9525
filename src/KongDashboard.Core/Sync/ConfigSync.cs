using System.Collections.Immutable;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Translation;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Sync;

/// <summary>
/// Sends each new translation to every discovered Kong gateway (KIC's sendconfig + clients manager): one
/// <see cref="GatewaySync"/> per gateway so a slow one never delays the others; on rejection, the fallback
/// configuration without the broken objects (KIC's FallbackConfiguration), else the last configuration Kong accepted.
/// </summary>
public sealed class ConfigSync : IAsyncDisposable
{
    private readonly KongSyncOptions _options;
    private readonly Translator _fallbackTranslator;
    private readonly Func<GatewayEndpoint, IKongAdminApi> _apiFactory;
    private readonly ISyncListener _listener;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, GatewaySync> _gateways = [];
    private readonly StateFeed<SyncState> _state = new(SyncState.Empty);
    private volatile bool _enabled;
    private string? _disabledReason = "not leading";
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private ConfigPayload? _desired;
    private ConfigPayload? _lastGood;
    private FailedConfig? _lastFailed;
    private FallbackReport? _fallback;
    private long _generation;

    public ConfigSync(
        KongSyncOptions options,
        TranslatorOptions translatorOptions,
        ILoggerFactory loggerFactory,
        ISyncListener? listener = null,
        Func<GatewayEndpoint, IKongAdminApi>? apiFactory = null)
    {
        _options = options;
        _fallbackTranslator = new Translator(translatorOptions);
        _apiFactory = apiFactory ?? (endpoint => KongAdminClients.Create(endpoint, options));
        _listener = listener ?? ISyncListener.None;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ConfigSync>();
    }

    public IStateFeed<SyncState> State => _state;

    public bool Enabled => _enabled;

    /// <summary>Only an enabled sync pushes (the leader, or every replica when no election is needed).</summary>
    public void SetEnabled(bool enabled, string? reason = null)
    {
        _enabled = enabled;
        _disabledReason = enabled ? null : reason;
        if (enabled && _desired is { } desired)
        {
            foreach (var gateway in Gateways())
            {
                gateway.SetDesired(desired); // wakes it: it may push now
            }
        }

        Publish();
    }

    /// <summary>Discovers gateways in the new snapshot: new ones start syncing at once, gone ones stop.</summary>
    public async Task OnSnapshotAsync(ClusterSnapshot snapshot)
    {
        _snapshot = snapshot;
        var endpoints = GatewayDiscovery.Discover(snapshot, _options).ToDictionary(e => e.Id);
        List<GatewaySync> removed;
        lock (_gate)
        {
            removed = _gateways.Where(g => !endpoints.ContainsKey(g.Key)).Select(g => g.Value).ToList();
            foreach (var gone in removed)
            {
                _gateways.Remove(gone.Endpoint.Id);
            }

            foreach (var endpoint in endpoints.Values.Where(e => !_gateways.ContainsKey(e.Id)))
            {
                var gateway = new GatewaySync(endpoint, _apiFactory(endpoint), _options, () => _enabled, OnPushed, Publish,
                    _loggerFactory.CreateLogger<GatewaySync>());
                if (_desired is not null)
                {
                    gateway.SetDesired(_desired);
                }

                _gateways[endpoint.Id] = gateway;
                _logger.LogInformation("Discovered Kong gateway {Gateway} (pod {Pod})", endpoint.Id, endpoint.Pod);
            }
        }

        foreach (var gone in removed)
        {
            _logger.LogInformation("Kong gateway {Gateway} is gone", gone.Endpoint.Id);
            await gone.DisposeAsync().ConfigureAwait(false);
        }

        Publish();
    }

    /// <summary>A new translation: push it when it differs from what is wanted now (SHA-256 change detection).</summary>
    public void OnTranslation(ClusterSnapshot snapshot, TranslationResult result)
    {
        _snapshot = snapshot;
        var payload = ConfigPayload.Of(result.Config, PayloadKind.Full, Interlocked.Increment(ref _generation));
        if (_desired?.Kind == PayloadKind.Full && _desired.Sha == payload.Sha)
        {
            return;
        }

        SetDesired(payload);
    }

    public void ResyncAll()
    {
        foreach (var gateway in Gateways())
        {
            gateway.ForceResync();
        }
    }

    public bool Resync(string gatewayId)
    {
        var gateway = Gateways().FirstOrDefault(g => g.Endpoint.Id == gatewayId);
        gateway?.ForceResync();
        return gateway is not null;
    }

    /// <summary>Completes when no gateway has a push in flight.</summary>
    public Task WaitForInFlightAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Gateways().Select(g => g.WaitForInFlightAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in Gateways())
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IReadOnlyList<GatewaySync> Gateways()
    {
        lock (_gate)
        {
            return [.. _gateways.Values];
        }
    }

    private void SetDesired(ConfigPayload payload)
    {
        _desired = payload;
        foreach (var gateway in Gateways())
        {
            gateway.SetDesired(payload);
        }

        Publish();
    }

    private void OnPushed(GatewaySync gateway, PushRecord record)
    {
        var payload = _desired;
        _listener.PushCompleted(gateway.Endpoint, record);
        if (record.Success)
        {
            if (_lastGood?.Sha != record.Sha && payload?.Sha == record.Sha)
            {
                _lastGood = payload;
            }

            Publish();
            return;
        }

        if (record.StatusCode != 400 || payload is null || payload.Sha != record.Sha)
        {
            Publish();
            return;
        }

        _lastFailed = new FailedConfig(payload, gateway.Endpoint.Id, record.At, record.Rejections, record.RawError);
        _listener.ConfigRejected(gateway.Endpoint, payload, record.Rejections);
        Recover(payload, record.Rejections);
    }

    /// <summary>KIC's maybeTryRecoveringFromGatewaysSyncError: fallback first, else the last good configuration.</summary>
    private void Recover(ConfigPayload rejected, ImmutableArray<KongRejection> rejections)
    {
        var broken = rejections.Select(r => r.Object).OfType<ObjectRef>().Distinct().ToImmutableArray();
        if (_options.FallbackConfiguration && rejected.Kind == PayloadKind.Full && broken.Length > 0)
        {
            var (fallbackSnapshot, excluded) = FallbackSnapshot.Exclude(_snapshot, broken);
            var result = _fallbackTranslator.Translate(fallbackSnapshot);
            _fallback = new FallbackReport(true, DateTimeOffset.UtcNow, broken, excluded);
            _listener.FallbackTriggered(_fallback);
            var fallback = ConfigPayload.Of(result.Config, PayloadKind.Fallback, Interlocked.Increment(ref _generation));
            if (!IsEmptier(fallback, _lastGood))
            {
                _logger.LogWarning("Kong rejected the configuration; pushing the fallback without {Count} broken object(s)", broken.Length);
                SetDesired(fallback);
                return;
            }
        }

        if (_lastGood is not null && _lastGood.Sha != rejected.Sha)
        {
            _logger.LogWarning("Kong rejected the configuration; re-pushing the last configuration it accepted ({Sha})", _lastGood.ShortSha);
            SetDesired(_lastGood with { Kind = PayloadKind.LastGood });
            return;
        }

        Publish();
    }

    // A good configuration is never replaced by an empty one.
    private static bool IsEmptier(ConfigPayload candidate, ConfigPayload? lastGood) =>
        lastGood is not null && (candidate.Config.Services?.Count ?? 0) == 0 && (lastGood.Config.Services?.Count ?? 0) > 0;

    private void Publish()
    {
        var gateways = Gateways().Select(g => g.Status).OrderBy(g => g.Id, StringComparer.Ordinal).ToImmutableArray();
        _state.Publish(new SyncState(_enabled, _disabledReason, gateways, _desired, _lastGood, _lastFailed, _fallback));
    }
}
