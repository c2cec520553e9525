using System.Collections.Immutable;
using System.Text.Json;
using k8s.Models;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Sync;

/// <summary>The leader's last push to one gateway, as every replica reads it (errors already redacted, bounded).</summary>
public sealed record LeaderPush(
    string Gateway,
    string? Pod,
    string Sha,
    string Kind,
    DateTimeOffset At,
    double DurationMs,
    bool Success,
    int? StatusCode,
    string Summary,
    ImmutableArray<string> Errors,
    string? AppliedSha,
    string? AppliedKongHash);

/// <summary>An object named by Kong's errors (with the first error's text, redacted and bounded), or left out by the fallback.</summary>
public sealed record LeaderObject(string Kind, string Namespace, string Name, string? Message = null);

/// <summary>
/// What the Lease holder publishes in ConfigMap <see cref="ConfigMapName"/> so that followers can tell each gateway's real
/// state: followers cannot compute Kong's <c>configuration_hash</c> themselves (Kong 3.9.1 hashes the entities it loaded,
/// kong/db/declarative/init.lua:234-236), so the leader records, per gateway, the hash Kong reported after it applied a
/// configuration SHA. <see cref="TranslatedSha"/> → <see cref="DesiredSha"/> says what the leader pushes for a
/// translation (itself, or a fallback / last good configuration after a rejection). <see cref="Rejected"/> and
/// <see cref="Excluded"/> carry what the leader's status model knows per object after a rejection — the objects Kong's
/// errors named and the objects the fallback leaves out — so that a follower with the same translation shows the same
/// per-object states (Core/Status/KongOutcome).
/// </summary>
public sealed record LeaderPushes(string Leader, string? TranslatedSha, string? DesiredSha, ImmutableArray<LeaderPush> Gateways)
{
    /// <summary>The kind of payload the leader pushes for <see cref="TranslatedSha"/> (Full, Fallback, LastGood).</summary>
    public string? DesiredKind { get; init; }

    /// <summary>The objects Kong's errors named in the rejection of the configuration being pushed (or recovered from); at most <see cref="MaxObjects"/>.</summary>
    public ImmutableArray<LeaderObject> Rejected { get; init; } = [];

    /// <summary>The objects the fallback configuration being pushed leaves out (broken, or depending on a broken one); at most <see cref="MaxObjects"/>.</summary>
    public ImmutableArray<LeaderObject> Excluded { get; init; } = [];

    /// <summary>DB mode: the leader's last write to Kong's database, so followers can tell whether each node picked it up.</summary>
    public Database.DbLastWrite? DatabaseWrite { get; init; }

    public const string ConfigMapName = "kong-dashboard-sync";
    public const string DataKey = "pushes.json";
    public const int MaxGateways = 200;
    public const int MaxErrors = 10;
    public const int MaxTextLength = 300;

    /// <summary>Bounds the per-object lists so a rejection at scale keeps the ConfigMap small (objects past it stay Pending on followers).</summary>
    public const int MaxObjects = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The leader's view of its own sync state; nothing per-poll (no /status counters), so idle means unchanged.</summary>
    public static LeaderPushes From(string leader, SyncState sync) => new(
        leader,
        sync.TranslatedSha,
        sync.Desired?.Sha,
        [.. sync.Gateways.Where(g => g.LastPush is not null).Take(MaxGateways).Select(Of)])
    {
        DesiredKind = sync.Desired?.Kind.ToString(),
        DatabaseWrite = sync.Database?.LastWrite,
        Rejected = Status.KongOutcome.IsCurrent(sync.LastFailed, sync.Desired)
            ? [.. sync.LastFailed!.Rejections
                .Where(r => r.Object is not null)
                .DistinctBy(r => (r.Object!.Kind, r.Object.Namespace, r.Object.Name))
                .Take(MaxObjects)
                .Select(r => new LeaderObject(r.Object!.Kind, r.Object.Namespace, r.Object.Name, Bounded(SecretRedactor.Scrub(r.Message))))]
            : [],
        Excluded = sync.Desired?.Kind == PayloadKind.Fallback && sync.Fallback is { Triggered: true } fallback
            ? [.. fallback.BrokenObjects.Concat(fallback.ExcludedObjects)
                .DistinctBy(o => (o.Kind, o.Namespace, o.Name))
                .Take(MaxObjects)
                .Select(o => new LeaderObject(o.Kind, o.Namespace, o.Name))]
            : [],
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the ConfigMap; null when absent or not ours (a broken value is ignored rather than trusted).</summary>
    public static LeaderPushes? Read(V1ConfigMap? map)
    {
        if (map?.Data is null || !map.Data.TryGetValue(DataKey, out var json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LeaderPushes>(json, Json) is { Leader: not null } pushes && !pushes.Gateways.IsDefault
                ? pushes with
                {
                    // Written by a version without the per-object lists: read as empty.
                    Rejected = pushes.Rejected.IsDefault ? [] : pushes.Rejected,
                    Excluded = pushes.Excluded.IsDefault ? [] : pushes.Excluded,
                }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public LeaderPush? For(string gatewayId) => Gateways.FirstOrDefault(g => g.Gateway == gatewayId);

    /// <summary>The SHA the leader pushes for a translation that produced <paramref name="translatedSha"/>.</summary>
    public string TargetFor(string translatedSha) => translatedSha == TranslatedSha && DesiredSha is not null ? DesiredSha : translatedSha;

    private static LeaderPush Of(GatewayStatus gateway)
    {
        var push = gateway.LastPush!;
        var applied = gateway.History.FirstOrDefault(r => r.Success);
        return new LeaderPush(gateway.Id, gateway.Pod?.ToString(), push.Sha, push.Kind.ToString(), push.At,
            Math.Round(push.Duration.TotalMilliseconds, 1), push.Success, push.StatusCode, Bounded(push.Summary),
            [.. push.Rejections.Take(MaxErrors).Select(r => Bounded(SecretRedactor.Scrub(r.Message)))],
            applied?.Sha, applied?.KongHash);
    }

    private static string Bounded(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";
}
