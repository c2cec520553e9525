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

/// <summary>A configuration ready to send: its /config body and SHA-256 for change detection.</summary>
public sealed record ConfigPayload(KongConfig Config, byte[] Body, string Sha, PayloadKind Kind, long Generation, DateTimeOffset CreatedAt)
{
    public static ConfigPayload Of(KongConfig config, PayloadKind kind, long generation)
    {
        var body = KongConfigSerializer.ToJsonUtf8(config);
        return new ConfigPayload(config, body, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)), kind, generation, DateTimeOffset.UtcNow);
    }

    public string ShortSha => Sha[..12];
}
