using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// An in-process stand-in for one Kong 3.9 pod in DB-less mode: its Admin API on Kestrel, with Kong's
/// declarative-config validation and error bodies, so a controller pushing to it meets Kong's answers.
/// </summary>
public sealed class EmbeddedKongGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly KongGatewayOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _configLock = new(1, 1);
    private readonly HashSet<string> _brokenAlreadyRefused = [];
    private readonly DeclarativeFlatten _flatten;
    private GatewayState _state = GatewayState.Empty;

    private EmbeddedKongGateway(WebApplication app, KongGatewayOptions options, ILogger logger)
    {
        _app = app;
        _options = options;
        _logger = logger;
        NodeId = Guid.NewGuid().ToString();
        _flatten = new DeclarativeFlatten(options.RouterFlavor, options.IsBrokenEntity is null ? null : IsBrokenOnFirstPush);
        if (options.Database is { } database)
        {
            DatabaseApi = new Database.DatabaseAdminApi(database, options.RouterFlavor, options.NodeName);
            Cache = new Database.NodeCache(database, options.DbUpdateFrequency);
        }
    }

    /// <summary>DB mode: the entity endpoints on the shared database; null when DB-less.</summary>
    internal Database.DatabaseAdminApi? DatabaseApi { get; }

    /// <summary>DB mode: what this node serves from (the database as of its last poll); null when DB-less.</summary>
    public Database.NodeCache? Cache { get; }

    public static async Task<EmbeddedKongGateway> StartAsync(KongGatewayOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        EmbeddedKongGateway? gateway = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(options.Address, options.Port, listen =>
            {
                listen.Use(next => async connection =>
                {
                    // nginx stub_status style connection accounting
                    gateway!.Counters.ConnectionOpened();
                    try
                    {
                        await next(connection);
                    }
                    finally
                    {
                        gateway.Counters.ConnectionClosed();
                    }
                });
                if (options.Security.ServerCertificate is { } certificate)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificate,
                        // as nginx's ssl_verify_client: the handshake takes any certificate, the request is refused
                        // with nginx's 400 page when it is missing or not issued by the CA (AdminGate)
                        ClientCertificateMode = options.Security.ClientCertificateAuthority is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.AllowCertificate,
                        ClientCertificateValidation = (_, _, _) => true,
                    });
                }
            });
        });
        var app = builder.Build();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EmbeddedKongGateway>();
        gateway = new EmbeddedKongGateway(app, options, logger);
        app.Run(gateway.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var scheme = options.Security.ServerCertificate is null ? "http" : "https";
        gateway.AdminAddress = new Uri($"{scheme}://{FormatHost(options.Address)}:{port}");
        logger.LogInformation("Embedded Kong {Version} ({Flavor}) Admin API listening on {Address}", options.Version, options.RouterFlavor, gateway.AdminAddress);
        return gateway;
    }

    private static string FormatHost(System.Net.IPAddress a) =>
        a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();

    /// <summary>http(s)://{options.Address}:{port}.</summary>
    public Uri AdminAddress { get; private set; } = null!;

    internal string NodeId { get; }

    internal KongGatewayOptions Options => _options;

    /// <summary>32 hex chars; all zeros before the first accepted config (and after <see cref="Restart"/>).</summary>
    public string ConfigurationHash => Volatile.Read(ref _state).Hash;

    /// <summary>The last accepted declarative config, as received (a copy).</summary>
    public JsonObject? CurrentConfiguration => Volatile.Read(ref _state).Config?.ToJsonObject();

    public KongGatewayCounters Counters { get; } = new();

    /// <summary>Every accepted POST /config with its time and User-Agent (bounded; survives <see cref="Restart"/>).</summary>
    public ConfigPushLog PushLog { get; } = new();

    /// <summary>Raised after each accepted POST /config.</summary>
    public event Action<ConfigApplied>? ConfigurationApplied;

    internal GatewayState State => Volatile.Read(ref _state);

    /// <summary>A pod restart: DB-less Kong comes back empty (hash zeros, not ready) with fresh counters; the listener stays.</summary>
    public void Restart()
    {
        Volatile.Write(ref _state, GatewayState.Empty);
        Counters.Reset();
        // DB mode: the node reads the database again as it starts (the data itself survives in Postgres)
        Cache?.Clear();
        Cache?.Refresh();
        _logger.LogInformation("Embedded Kong {Address} restarted: configuration cleared", AdminAddress);
    }

    private Task HandleAsync(HttpContext context) => AdminApi.HandleAsync(this, context);

    /// <summary>
    /// kong/api/routes/config.lua POST: validate, then swap the whole configuration atomically.
    /// Entities sent byte for byte as in the previous configuration are not validated and loaded again
    /// (<see cref="DeclarativeFlatten"/>), so a push that changes a few entities costs about as much as those.
    /// </summary>
    internal async Task<AdminReply> ApplyConfigAsync(DeclarativeDocument config, bool checkHash, bool flattenErrors, CancellationToken ct, string? userAgent = null)
    {
        var submittedHash = config.SubmittedHash;
        await _configLock.WaitAsync(ct);
        try
        {
            // config.lua:121,132-134: 304 only for a configuration that came as text whose md5 is the stored hash;
            // a JSON body with _format_version has no such hash, and none equals the empty configuration's zeros
            if (checkHash && submittedHash is not null && submittedHash == State.Hash)
            {
                PushLog.Add(_options.Time.GetUtcNow(), 304, submittedHash, userAgent);
                return new(304, null);
            }
            if (RefuseBrokenObjectsOnce() is { } refusal)
            {
                return new(400, refusal);
            }

            var now = _options.Time.GetUtcNow();
            var (errors, topLevel, loaded) = _flatten.Run(config, now.ToUnixTimeSeconds());
            if (loaded is null)
            {
                _logger.LogDebug("Embedded Kong {Address} refused a configuration: {Count} entity errors", AdminAddress, errors.Count);
                return new(400, DeclarativeErrorBody.Build(errors, topLevel, flattenErrors));
            }
            if (_options.Faults.TakeKongConfigBusy(_options.NodeName) is { } retryAfter)
            {
                // config.lua:151-158: the load could not take the declarative lock; nothing was loaded
                return new(429, new JsonObject { ["message"] = "Currently loading previous configuration" }, RetryAfter: retryAfter);
            }
            var body = LoadedBody.Write(loaded);
            var hash = KongGateway.ConfigurationHash.Stored(loaded, config, submittedHash);
            Volatile.Write(ref _state, new GatewayState(config, hash, loaded, now));
            var counts = loaded.Tables.ToDictionary(t => t.Key, t => t.Value.Count);
            PushLog.Add(now, 201, hash, userAgent);
            ConfigurationApplied?.Invoke(new ConfigApplied(hash, now, counts));
            return new(201, null, body);
        }
        finally
        {
            _configLock.Release();
        }
    }

    /// <summary>KIC's mock: one "broken object" error per newly broken object, on the first push after it appears.</summary>
    private JsonObject? RefuseBrokenObjectsOnce()
    {
        var fresh = new List<IReadOnlyList<string>>();
        foreach (var tags in _options.BrokenObjects?.Invoke() ?? [])
        {
            lock (_brokenAlreadyRefused)
            {
                if (_brokenAlreadyRefused.Add("object|" + string.Join(",", tags)))
                {
                    fresh.Add(tags);
                }
            }
        }

        if (fresh.Count == 0)
        {
            return null;
        }

        var flattened = new JsonArray(fresh.Select(tags => (JsonNode)new JsonObject
        {
            ["entity_tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            ["errors"] = new JsonArray(new JsonObject { ["messages"] = new JsonArray("broken object") }),
        }).ToArray());
        return new JsonObject
        {
            ["code"] = 14,
            ["name"] = "invalid declarative configuration",
            ["message"] = "declarative config is invalid: {}",
            ["fields"] = new JsonObject(),
            ["flattened_errors"] = flattened,
        };
    }

    /// <summary>KIC's mock refuses an object annotated test.konghq.com/broken on the first push containing it only.</summary>
    private bool IsBrokenOnFirstPush(JsonObject entity, EntityKind kind)
    {
        if (_options.IsBrokenEntity is not { } isBroken || entity["tags"] is not JsonArray tagArray)
        {
            return false;
        }
        var tags = tagArray.Select(FieldChecks.AsString).OfType<string>().ToList();
        if (!isBroken(tags))
        {
            return false;
        }
        lock (_brokenAlreadyRefused)
        {
            return _brokenAlreadyRefused.Add(kind.Plural + "|" + string.Join(",", tags));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Cache?.Dispose();
        _configLock.Dispose();
    }
}
