using KongDashboard.Core.Kong;
using KongDashboard.Core.Sync;

namespace KongDashboard.Hosting;

/// <summary>
/// KIC's diagnostics endpoints (internal/diagnostics): the last successful, failed and fallback configurations and
/// Kong's raw error. Private keys, credentials and every value from a Secret are always redacted (KIC's default without
/// --dump-sensitive-config), Kong's raw error included.
/// </summary>
internal static class DiagnosticsEndpoints
{
    public static void MapDiagnostics(this WebApplication app)
    {
        var debug = app.MapGroup("/debug/config");
        debug.MapGet("/successful", (ControllerHost host) =>
            Sync(host)?.LastGood is { } good ? ConfigDump(good) : Results.NoContent());
        debug.MapGet("/failed", (ControllerHost host) =>
            Sync(host)?.LastFailed is { } failed ? ConfigDump(failed.Payload) : Results.NoContent());
        debug.MapGet("/fallback", (ControllerHost host) =>
        {
            var report = Sync(host)?.Fallback;
            return Results.Json(new
            {
                status = report?.Triggered == true ? "triggered" : "not-triggered",
                brokenObjects = report?.BrokenObjects.Select(Describe) ?? [],
                excludedObjects = report?.ExcludedObjects.Select(Describe) ?? [],
                backfilledObjects = Array.Empty<object>(),
            });
        });
        debug.MapGet("/raw-error", (ControllerHost host) =>
            Sync(host)?.LastFailed?.RawError is { } raw ? Results.Text(SecretRedactor.Scrub(raw), "text/plain") : Results.NoContent());
    }

    private static SyncState? Sync(ControllerHost host) => host.Instance?.Sync?.State.Current;

    private static IResult ConfigDump(ConfigPayload payload) => Results.Text(
        $$"""{"hash":"{{payload.Sha}}","config":{{KongConfigSerializer.ToJson(SecretRedactor.Redact(payload.Config))}}}""",
        "application/json");

    private static object Describe(KongDashboard.Core.Cluster.ObjectRef o) =>
        new { group = o.Group, kind = o.Kind, version = o.Version, @namespace = o.Namespace, name = o.Name, id = o.Uid };
}
