using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Tests.Sync;

/// <summary>
/// A minimal Admin API on Kestrel (127.0.0.1, free port) answering the edge cases exactly as Kong 3.9.1 DB-less does
/// (../shared/reference/real-systems.md A1.4, A1.5, A1.6, A2.1): POST /config with a top-level _format_version is
/// 201 and never 304; an empty configuration is stored with the all-zero hash; 429 carries Retry-After. Counts every
/// request and stamps them with the test's clock.
/// </summary>
public sealed class KongLikeAdminServer : IAsyncDisposable
{
    public const string EmptyHash = "00000000000000000000000000000000";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();
    private volatile string _hash = EmptyHash;
    private int _configPosts;
    private int _statusReads;
    private int _inFlight;
    private long _totalRequests;

    private KongLikeAdminServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public Uri AdminAddress { get; private set; } = null!;

    public int ConfigPosts => Volatile.Read(ref _configPosts);

    public int StatusReads => Volatile.Read(ref _statusReads);

    /// <summary>Requests being served right now (tests hold their virtual clock still while one is in flight).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public string ConfigurationHash => _hash;

    /// <summary>When each POST /config arrived, on the test's clock.</summary>
    public ConcurrentQueue<DateTimeOffset> PostTimes { get; } = new();

    /// <summary>The Kong-Admin-Token header of every request (null when absent).</summary>
    public ConcurrentQueue<string?> Tokens { get; } = new();

    /// <summary>Starts it on http, or on https when <paramref name="https"/> configures the server certificate (and mTLS).</summary>
    public static async Task<KongLikeAdminServer> StartAsync(TimeProvider? time = null, Action<HttpsConnectionAdapterOptions>? https = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https is not null)
            {
                listen.UseHttps(https);
            }
        }));
        var app = builder.Build();
        var server = new KongLikeAdminServer(app, time ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.AdminAddress = new Uri($"{address.Scheme}://127.0.0.1:{address.Port}");
        return server;
    }

    /// <summary>The next POST /config answers 429 "Currently loading previous configuration" with this Retry-After.</summary>
    public void AnswerNextPostBusy(string? retryAfter) => _scripted.Enqueue(async context =>
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsJsonAsync(new { message = "Currently loading previous configuration" });
    });

    /// <summary>Kong restarted: no configuration, the all-zero hash (kong/init.lua loads an empty config at start).</summary>
    public void Restart() => _hash = EmptyHash;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await ServeAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _totalRequests);
        Tokens.Enqueue(context.Request.Headers.TryGetValue("Kong-Admin-Token", out var token) ? token.ToString() : null);
        switch (context.Request.Method, context.Request.Path.Value)
        {
            case ("GET", "/"):
                await context.Response.WriteAsJsonAsync(new { version = "3.9.1", configuration = new { database = "off", router_flavor = "traditional_compatible" } });
                break;
            case ("GET", "/status"):
                Interlocked.Increment(ref _statusReads);
                await context.Response.WriteAsJsonAsync(new
                {
                    configuration_hash = _hash,
                    server = new { connections_active = 1, total_requests = Interlocked.Read(ref _totalRequests) },
                });
                break;
            case ("POST", "/config"):
                await PostConfigAsync(context);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsJsonAsync(new { message = "Not found" });
                break;
        }
    }

    private async Task PostConfigAsync(HttpContext context)
    {
        Interlocked.Increment(ref _configPosts);
        PostTimes.Enqueue(_time.GetUtcNow());
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (_scripted.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        // A top-level _format_version leaves no hash candidate, so check_hash can never give 304 (config.lua:121-134);
        // the stored hash is of the loaded entities, all zeros when there are none (import.lua:270-273).
        var document = JsonNode.Parse(body)!.AsObject();
        var hasEntities = document.Any(p => !p.Key.StartsWith('_') && p.Value is JsonArray { Count: > 0 });
        _hash = hasEntities ? Convert.ToHexStringLower(MD5.HashData(System.Text.Encoding.UTF8.GetBytes(body))) : EmptyHash;
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsync("{}");
    }
}
