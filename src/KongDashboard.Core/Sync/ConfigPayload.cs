using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Sync;

public enum PayloadKind
{
    /// <summary>The translation of the whole snapshot.</summary>
    Full,

    /// <summary>The translation without the objects Kong rejected and their dependants.</summary>
    Fallback,

    /// <summary>The last configuration Kong accepted, re-sent because the new one was rejected.</summary>
    LastGood,
}

/// <summary>
/// A configuration ready to send: its /config body (pieces shared with earlier bodies, see
/// <see cref="IncrementalConfigSerializer"/>) and a SHA-256 for change detection.
/// </summary>
public sealed record ConfigPayload(KongConfig Config, ConfigBody Content, string Sha, PayloadKind Kind, long Generation, DateTimeOffset CreatedAt)
{
    public static ConfigPayload Of(KongConfig config, PayloadKind kind, long generation, TimeProvider? time = null)
    {
        // Entities unchanged since an earlier payload are copied from their cached JSON, not serialized again.
        var (body, sha) = IncrementalConfigSerializer.Shared.Serialize(config);
        var createdAt = (time ?? TimeProvider.System).GetUtcNow();
        return new ConfigPayload(config, body, sha, kind, generation, createdAt);
    }

    /// <summary>The body as one array (joined on first use; a push streams <see cref="Content"/> instead).</summary>
    public byte[] Body => Content.ToArray();

    public string ShortSha => Short(Sha);

    /// <summary>The first 12 characters of a configuration SHA, as the pages show it.</summary>
    public static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    /// <summary>
    /// No entity at all (KIC's deckgen.IsContentEmpty: only _format_version/_info). Kong stores such a configuration
    /// with the all-zero hash, so a gateway that reports that hash may well be serving it.
    /// </summary>
    public bool IsEmpty => IsEmptyConfig(Config);

    private static bool IsEmptyConfig(KongConfig config) =>
        config.Services is null or [] && config.Upstreams is null or [] && config.Certificates is null or []
        && config.CaCertificates is null or [] && config.Plugins is null or [] && config.Consumers is null or []
        && config.ConsumerGroups is null or [];
}
