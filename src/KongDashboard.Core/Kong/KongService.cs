using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kong;

/// <summary>A Kong service with its routes nested (decK layout).</summary>
public sealed record KongService
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonPropertyName("port")] public int? Port { get; init; }
    [JsonPropertyName("protocol")] public string? Protocol { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("connect_timeout")] public int? ConnectTimeout { get; init; }
    [JsonPropertyName("read_timeout")] public int? ReadTimeout { get; init; }
    [JsonPropertyName("write_timeout")] public int? WriteTimeout { get; init; }
    [JsonPropertyName("retries")] public int? Retries { get; init; }
    [JsonPropertyName("tls_verify")] public bool? TlsVerify { get; init; }
    [JsonPropertyName("tls_verify_depth")] public int? TlsVerifyDepth { get; init; }
    [JsonPropertyName("client_certificate")] public KongIdRef? ClientCertificate { get; init; }
    [JsonPropertyName("ca_certificates")] public IReadOnlyList<string>? CaCertificates { get; init; }
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
    [JsonPropertyName("routes")] public IReadOnlyList<KongRoute>? Routes { get; init; }

    /// <summary>Plugins nested in the service (Gateway API: request-termination for unresolved backends).</summary>
    [JsonPropertyName("plugins")] public IReadOnlyList<KongPluginEntity>? Plugins { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>A reference to another entity by id, e.g. <c>{"id": "…"}</c>.</summary>
public sealed record KongIdRef([property: JsonPropertyName("id")] string Id);
