using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kong;

/// <summary>A Kong upstream with its targets nested (decK layout).</summary>
public sealed record KongUpstream
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("algorithm")] public string? Algorithm { get; init; }
    [JsonPropertyName("slots")] public int? Slots { get; init; }
    [JsonPropertyName("hash_on")] public string? HashOn { get; init; }
    [JsonPropertyName("hash_on_header")] public string? HashOnHeader { get; init; }
    [JsonPropertyName("hash_on_cookie")] public string? HashOnCookie { get; init; }
    [JsonPropertyName("hash_on_cookie_path")] public string? HashOnCookiePath { get; init; }
    [JsonPropertyName("hash_on_query_arg")] public string? HashOnQueryArg { get; init; }
    [JsonPropertyName("hash_on_uri_capture")] public string? HashOnUriCapture { get; init; }
    [JsonPropertyName("hash_fallback")] public string? HashFallback { get; init; }
    [JsonPropertyName("hash_fallback_header")] public string? HashFallbackHeader { get; init; }
    [JsonPropertyName("hash_fallback_query_arg")] public string? HashFallbackQueryArg { get; init; }
    [JsonPropertyName("hash_fallback_uri_capture")] public string? HashFallbackUriCapture { get; init; }
    [JsonPropertyName("sticky_sessions_cookie")] public string? StickySessionsCookie { get; init; }
    [JsonPropertyName("sticky_sessions_cookie_path")] public string? StickySessionsCookiePath { get; init; }
    [JsonPropertyName("healthchecks")] public JsonObject? Healthchecks { get; init; }
    [JsonPropertyName("host_header")] public string? HostHeader { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
    [JsonPropertyName("targets")] public IReadOnlyList<KongTarget>? Targets { get; init; }
}

public sealed record KongTarget
{
    [JsonPropertyName("target")] public string? Target { get; init; }
    [JsonPropertyName("weight")] public int? Weight { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}
