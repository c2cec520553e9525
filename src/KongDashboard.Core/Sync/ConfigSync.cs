using System.Collections.Immutable;
using System.Threading.Channels;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Translation;
using KongDashboard.Core.Translation.Fallback;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Sync;

/// <summary>
/// Sends each new translation to every discovered Kong gateway (KIC's sendconfig + clients manager): one
/// <see cref="GatewaySync"/> per gateway so a slow one never delays the others; on rejection, the fallback
/// configuration without the broken objects (KIC's FallbackConfiguration), else the last configuration Kong accepted.
/// Translations and push outcomes are handled by one loop reading a channel: gateway threads only post to it, so the
/// desired, last good and rejected configurations have a single writer and a rejection is recovered from once.
/// </summary>
public sealed class ConfigSync : IAsyncDisposable
{
    private readonly KongSyncOptions _options;
    private readonly Translator _fallbackTranslator;
    private readonly Func<GatewayEndpoint, IKongAdminApi> _apiFactory;
    private readonly ISyncListener _listener;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Lock _publishGate = new();
    private readonly Dictionary<string, GatewaySync> _gateways = [];
    private readonly StateFeed<SyncState> _state = new(SyncState.Empty);
    private readonly Channel<SyncMessage> _inbox = Channel.CreateUnbounded<SyncMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private volatile bool _enabled;
    private volatile string? _disabledReason = "not leading";
    private volatile ClusterSnapshot _latestSnapshot = ClusterSnapshot.Empty;

    // Written by the loop only.
    private readonly RejectedConfigs _rejected = new();
    private ClusterSnapshot _translatedSnapshot = ClusterSnapshot.Empty;
    private volatile ConfigPayload? _desired;
    private volatile ConfigPayload? _lastGood;
    private volatile FailedConfig? _lastFailed;
    private volatile FallbackReport? _fallback;
    private long _generation;
    private volatile string? _translatedSha;
    private volatile LeaderPushes? _leader;

    // DB mode: entities written by diff through one gateway instead of /config to each (the one place the mode decides).
    private readonly Database.DatabaseSync? _database;

    public ConfigSync(
        KongSyncOptions options,
        TranslatorOptions translatorOptions,
        ILoggerFactory loggerFactory,
        ISyncListener? listener = null,
        Func<GatewayEndpoint, IKongAdminApi>? apiFactory = null,
        TimeProvider? time = null)
    {
        _options = options;
        _fallbackTranslator = new Translator(translatorOptions);
        _apiFactory = apiFactory ?? (endpoint => KongAdminClients.Create(endpoint, options, () => _latestSnapshot));
        _listener = listener ?? ISyncListener.None;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ConfigSync>();
        _time = time ?? TimeProvider.System;
        if (options.DatabaseMode)
        {
            _database = new Database.DatabaseSync(options, () => _enabled, () => [.. Gateways().Select(g => g.Endpoint)],
                endpoint => KongAdminClients.CreateHttpClient(endpoint, options, () => _latestSnapshot),
                (endpoint, payload, record) => _inbox.Writer.TryWrite(new DatabaseOutcome(endpoint, payload, record)),
                loggerFactory.CreateLogger<Database.DatabaseSync>(), _time);
        }

        _loop = Task.Run(RunAsync);
    }

    private readonly KongEntitySchemaCache _entitySchemas = new();

    /// <summary>
    /// The snapshot with the Kong entity schemas its KongCustomEntity types need (translation input), asked of one
    /// discovered gateway the first time a type appears.
    /// </summary>
    public Task<ClusterSnapshot> WithEntitySchemasAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken) =>
        _entitySchemas.AttachAsync(snapshot, () => Gateways().FirstOrDefault()?.Endpoint is { } endpoint
            ? KongAdminClients.CreateHttpClient(endpoint, _options, () => _latestSnapshot) : null, cancellationToken);

    /// <summary>DB mode's sync (its reports: entity diffs, failed writes, drift corrected); null when DB-less.</summary>
    public Database.DatabaseSync? Database => _database;

    public IStateFeed<SyncState> State => _state;

    public bool Enabled => _enabled;

    /// <summary>Only an enabled sync pushes (the leader, or every replica when no election is needed).</summary>
    public void SetEnabled(bool enabled, string? reason = null)
    {
        _enabled = enabled;
        _disabledReason = enabled ? null : reason;
        _database?.LeadershipChanged();
        if (enabled && _desired is { } desired && _database is null)
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
        _latestSnapshot = snapshot;
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
                var gateway = new GatewaySync(endpoint, _apiFactory(endpoint), _options, () => _enabled,
                    (g, payload, record) => _inbox.Writer.TryWrite(new PushOutcome(g, payload, record)),
                    () => _inbox.Writer.TryWrite(StatusChanged.Instance),
                    _loggerFactory.CreateLogger<GatewaySync>(), _time,
                    () => _lastGood is null,
                    (g, config) => _inbox.Writer.TryWrite(new LastValidFetched(g, config)));
                if (_desired is { } desired && _database is null)
                {
                    gateway.SetDesired(desired);
                }

                gateway.SetLeader(_leader);
                _gateways[endpoint.Id] = gateway;
                _logger.LogInformation("Discovered Kong gateway {Gateway} (pod {Pod})", endpoint.Id, endpoint.Pod);
            }
        }

        if (_desired is { } wanted && _database is not null)
        {
            _database.SetDesired(wanted); // wakes it: a gateway to write through may have appeared
        }

        foreach (var gone in removed)
        {
            _logger.LogInformation("Kong gateway {Gateway} is gone", gone.Endpoint.Id);
            await gone.DisposeAsync().ConfigureAwait(false);
        }

        Publish();
    }

    /// <summary>
    /// What the Lease holder published about its pushes (ConfigMap <see cref="LeaderPushes.ConfigMapName"/>); a replica
    /// that does not push judges each gateway against it. The leader itself passes null.
    /// </summary>
    public void OnLeaderPushes(LeaderPushes? leader)
    {
        if (Equals(leader?.ToJson(), _leader?.ToJson()))
        {
            return;
        }

        _leader = leader;
        foreach (var gateway in Gateways())
        {
            gateway.SetLeader(leader);
        }

        Publish();
    }

    /// <summary>A new translation: handed to the sync loop, which pushes it when it differs from what is wanted now.</summary>
    public void OnTranslation(ClusterSnapshot snapshot, TranslationResult result)
    {
        _latestSnapshot = snapshot;
        _inbox.Writer.TryWrite(new Translated(snapshot, result.Config));
    }

    public void ResyncAll()
    {
        _database?.ForceFull();
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
        Task.WhenAll(Gateways().Select(g => g.WaitForInFlightAsync(cancellationToken))
            .Append(_database?.WaitForInFlightAsync(cancellationToken) ?? Task.CompletedTask));

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var gateway in Gateways())
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
        }

        _inbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private IReadOnlyList<GatewaySync> Gateways()
    {
        lock (_gate)
        {
            return [.. _gateways.Values];
        }
    }

    private async Task RunAsync()
    {
        while (await _inbox.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Everything queued is handled before one publish: a burst of outcomes is one new state.
            while (_inbox.Reader.TryRead(out var message))
            {
                try
                {
                    Handle(message);
                }
                catch (Exception error)
                {
                    _logger.LogError(error, "Config sync could not handle {Message}", message.GetType().Name);
                }
            }

            Publish();
        }
    }

    private void Handle(SyncMessage message)
    {
        switch (message)
        {
            case Translated translated:
                OnTranslated(translated);
                break;
            case PushOutcome outcome:
                OnPushed(outcome.Gateway.Endpoint, outcome.Payload, outcome.Record);
                break;
            case DatabaseOutcome outcome:
                OnPushed(outcome.Endpoint, outcome.Payload, outcome.Record);
                break;
            case LastValidFetched fetched when _lastGood is null:
                // deckgen adds its stub upstream to an empty configuration, as for any push.
                var config = ConfigPayload.Of(fetched.Config, PayloadKind.LastGood, 0).IsEmpty
                    ? fetched.Config with { Upstreams = [new KongUpstream { Name = "kong" }] }
                    : fetched.Config;
                _lastGood = ConfigPayload.Of(config, PayloadKind.LastGood, ++_generation, _time);
                _logger.LogInformation("Last valid configuration {Sha} fetched from {Gateway}", _lastGood.ShortSha, fetched.Gateway.Endpoint.Id);
                break;
        }
    }

    private void OnTranslated(Translated translated)
    {
        var payload = ConfigPayload.Of(translated.Config, PayloadKind.Full, ++_generation, _time);
        _translatedSha = payload.Sha;
        if (_rejected.TryGet(payload.Sha, out var recovery))
        {
            // Kong already refused exactly this (e.g. only a label on the broken object changed): sending it again
            // would only be refused again, and must not displace the configuration known to work.
            var best = recovery ?? _lastGood;
            _logger.LogDebug("Translation {Sha} was rejected before; keeping {Best}", payload.ShortSha, best?.ShortSha ?? "nothing");
            if (best is not null && best.Sha != _desired?.Sha)
            {
                SetDesired(best);
            }

            return;
        }

        _translatedSnapshot = translated.Snapshot;
        if (_desired?.Kind == PayloadKind.Full && _desired.Sha == payload.Sha)
        {
            return;
        }

        SetDesired(payload);
    }

    private void SetDesired(ConfigPayload payload)
    {
        _desired = payload;
        if (_database is not null)
        {
            _database.SetDesired(payload);
            return;
        }

        foreach (var gateway in Gateways())
        {
            gateway.SetDesired(payload);
        }
    }

    private void OnPushed(GatewayEndpoint endpoint, ConfigPayload payload, PushRecord record)
    {
        _listener.PushCompleted(endpoint, record);
        if (record.Success)
        {
            if (_lastGood?.Sha != payload.Sha)
            {
                _lastGood = payload;
            }

            return;
        }

        if (record.StatusCode != 400)
        {
            return;
        }

        _lastFailed = new FailedConfig(payload, endpoint.Id, record.At, record.Rejections, record.RawError);
        _listener.ConfigRejected(endpoint, payload, record.Rejections);
        if (_rejected.Contains(payload.Sha))
        {
            return; // Another gateway refused it first: its recovery is already decided (one per configuration).
        }

        // A stale rejection (a newer configuration is already wanted) is remembered but not recovered from: the
        // snapshot it came from is gone, and the newer configuration is on its way.
        var current = payload.Sha == _desired?.Sha;
        var recovery = current ? Recover(payload, record.Rejections) : null;
        _rejected.Add(payload.Sha, recovery);
        if (recovery is not null)
        {
            SetDesired(recovery);
        }
    }

    /// <summary>KIC's maybeTryRecoveringFromGatewaysSyncError: fallback first, else the last good configuration.</summary>
    private ConfigPayload? Recover(ConfigPayload rejected, ImmutableArray<KongRejection> rejections)
    {
        var broken = rejections.Select(r => r.Object).OfType<ObjectRef>().Distinct().ToImmutableArray();
        if (_options.FallbackConfiguration && rejected.Kind == PayloadKind.Full && broken.Length > 0)
        {
            var (fallbackSnapshot, excluded) = FallbackSnapshot.Exclude(_translatedSnapshot, broken);
            var result = _fallbackTranslator.Translate(fallbackSnapshot);
            _fallback = new FallbackReport(true, _time.GetUtcNow(), broken, excluded) { RejectedPlugins = RejectedPlugins.Of(_translatedSnapshot, broken) };
            _listener.FallbackTriggered(_fallback);
            var fallback = ConfigPayload.Of(result.Config, PayloadKind.Fallback, ++_generation, _time);
            if (!IsEmptier(fallback, _lastGood) && !_rejected.Contains(fallback.Sha))
            {
                _logger.LogWarning("Kong rejected the configuration; pushing the fallback without {Count} broken object(s)", broken.Length);
                return fallback;
            }
        }

        if (_lastGood is not null && _lastGood.Sha != rejected.Sha)
        {
            _logger.LogWarning("Kong rejected the configuration; re-pushing the last configuration it accepted ({Sha})", _lastGood.ShortSha);
            return _lastGood with { Kind = PayloadKind.LastGood };
        }

        _logger.LogWarning("Kong rejected the configuration and no configuration is known to be good");
        return null;
    }

    // A good configuration is never replaced by an empty one.
    private static bool IsEmptier(ConfigPayload candidate, ConfigPayload? lastGood) =>
        lastGood is not null && (candidate.Config.Services?.Count ?? 0) == 0 && (lastGood.Config.Services?.Count ?? 0) > 0;

    /// <summary>Publishes a new state only when something in it changed (gateway statuses are immutable records).</summary>
    private void Publish()
    {
        lock (_publishGate)
        {
            var gateways = Gateways().Select(g => g.Status).OrderBy(g => g.Id, StringComparer.Ordinal).ToImmutableArray();
            var current = _state.Current;
            var next = new SyncState(_enabled, _disabledReason, gateways, _desired, _lastGood, _lastFailed, _fallback)
            {
                TranslatedSha = _translatedSha,
                Leader = _enabled ? null : _leader,
                Database = _database?.Reports.Current,
                KongDatabase = _options.DatabaseMode ? _options.Database : null,
                StaticAdminUrls = !_options.DatabaseMode && !_options.UsesDiscovery,
            };
            if (current.Enabled == next.Enabled && current.DisabledReason == next.DisabledReason
                && ReferenceEquals(current.Desired, next.Desired) && ReferenceEquals(current.LastGood, next.LastGood)
                && ReferenceEquals(current.LastFailed, next.LastFailed) && ReferenceEquals(current.Fallback, next.Fallback)
                && current.TranslatedSha == next.TranslatedSha && ReferenceEquals(current.Leader, next.Leader)
                && ReferenceEquals(current.Database, next.Database) && current.StaticAdminUrls == next.StaticAdminUrls
                && Enumerable.SequenceEqual(current.Gateways, next.Gateways, ReferenceEqualityComparer.Instance))
            {
                return;
            }

            _state.Publish(next);
        }
    }

    private abstract record SyncMessage;

    private sealed record Translated(ClusterSnapshot Snapshot, KongConfig Config) : SyncMessage;

    private sealed record PushOutcome(GatewaySync Gateway, ConfigPayload Payload, PushRecord Record) : SyncMessage;

    /// <summary>A DB-mode sync finished (written through <paramref name="Endpoint"/>).</summary>
    private sealed record DatabaseOutcome(GatewayEndpoint Endpoint, ConfigPayload Payload, PushRecord Record) : SyncMessage;

    /// <summary>The configuration a gateway already held when first seen (KIC's last valid configuration).</summary>
    private sealed record LastValidFetched(GatewaySync Gateway, KongConfig Config) : SyncMessage;

    /// <summary>A gateway's status changed: publish.</summary>
    private sealed record StatusChanged : SyncMessage
    {
        public static readonly StatusChanged Instance = new();
    }
}
