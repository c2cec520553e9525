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

/// <summary>
/// What the Lease holder publishes in ConfigMap <see cref="ConfigMapName"/> so that followers can tell each gateway's real
/// state: followers cannot compute Kong's <c>configuration_hash</c> themselves (Kong 3.9.1 hashes the entities it loaded,
/// kong/db/declarative/init.lua:234-236), so the leader records, per gateway, the hash Kong reported after it applied a
/// configuration SHA. <see cref="TranslatedSha"/> → <see cref="DesiredSha"/> says what the leader pushes for a
/// translation (itself, or a fallback / last good configuration after a rejection).
/// </summary>
public sealed record LeaderPushes(string Leader, string? TranslatedSha, string? DesiredSha, ImmutableArray<LeaderPush> Gateways)
{
    /// <summary>The kind of <see cref="DesiredSha"/>'s configuration (Full, Fallback, LastGood).</summary>
    public string? DesiredKind { get; init; }

    /// <summary>Kong's errors mapped to objects and the fallback's exclusions, while that rejection is current.</summary>
    public LeaderPushRejection? Rejection { get; init; }

    public const string ConfigMapName = "kong-dashboard-sync";
    public const string DataKey = "pushes.json";
    public const int MaxGateways = 200;
    public const int MaxErrors = 10;
    public const int MaxTextLength = 300;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The leader's view of its own sync state; nothing per-poll (no /status counters), so idle means unchanged.</summary>
    public static LeaderPushes From(string leader, SyncState sync) => new(
        leader,
        sync.TranslatedSha,
        sync.Desired?.Sha,
        [.. sync.Gateways.Where(g => g.LastPush is not null).Take(MaxGateways).Select(Of)])
    {
        DesiredKind = sync.Desired?.Kind.ToString(),
        Rejection = LeaderPushRejection.Of(sync),
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
            return JsonSerializer.Deserialize<LeaderPushes>(json, Json) is { Leader: not null } pushes && !pushes.Gateways.IsDefault ? pushes : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public LeaderPush? For(string gatewayId) => Gateways.FirstOrDefault(g => g.Gateway == gatewayId);

    /// <summary>The SHA the leader pushes for a translation that produced <paramref name="translatedSha"/>.</summary>
    public string TargetFor(string translatedSha) => translatedSha == TranslatedSha && DesiredSha is not null ? DesiredSha : translatedSha;

    /// <summary>The kind of configuration the leader pushes for <paramref name="translatedSha"/>.</summary>
    public PayloadKind KindFor(string translatedSha) =>
        TargetFor(translatedSha) != translatedSha && Enum.TryParse<PayloadKind>(DesiredKind, out var kind) ? kind : PayloadKind.Full;

    /// <summary>The leader's rejection that applies to a replica whose translation is <paramref name="translatedSha"/>.</summary>
    public LeaderPushRejection? RejectionFor(string translatedSha) =>
        Rejection is { } r && (translatedSha == TranslatedSha || r.Sha == translatedSha) ? r : null;

    private static LeaderPush Of(GatewayStatus gateway)
    {
        var push = gateway.LastPush!;
        var applied = gateway.History.FirstOrDefault(r => r.Success);
        return new LeaderPush(gateway.Id, gateway.Pod?.ToString(), push.Sha, push.Kind.ToString(), push.At,
            Math.Round(push.Duration.TotalMilliseconds, 1), push.Success, push.StatusCode, Bounded(push.Summary),
            [.. push.Rejections.Take(MaxErrors).Select(r => Bounded(SecretRedactor.Scrub(r.Message)))],
            applied?.Sha, applied?.KongHash);
    }

    internal static string Bounded(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";
}
