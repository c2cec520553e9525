using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kong;

/// <summary>A Kong certificate with its SNIs nested.</summary>
public sealed record KongCertificate
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("cert")] public string? Cert { get; init; }
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("snis")] public IReadOnlyList<KongSni>? Snis { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}

public sealed record KongSni
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("certificate")] public KongIdRef? Certificate { get; init; }
}

public sealed record KongCaCertificate
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("cert")] public string? Cert { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}
