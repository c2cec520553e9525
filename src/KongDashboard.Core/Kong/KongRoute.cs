using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kong;

/// <summary>A Kong route (traditional fields or, with the expressions router, <c>expression</c> + <c>priority</c>).</summary>
public sealed record KongRoute
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("expression")] public string? Expression { get; init; }
    [JsonPropertyName("priority")] public ulong? Priority { get; init; }
    [JsonPropertyName("hosts")] public IReadOnlyList<string>? Hosts { get; init; }
    [JsonPropertyName("paths")] public IReadOnlyList<string>? Paths { get; init; }
    [JsonPropertyName("methods")] public IReadOnlyList<string>? Methods { get; init; }
    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, IReadOnlyList<string>>? Headers { get; init; }
    [JsonPropertyName("destinations")] public IReadOnlyList<KongStreamEndpoint>? Destinations { get; init; }
    [JsonPropertyName("snis")] public IReadOnlyList<string>? Snis { get; init; }
    [JsonPropertyName("protocols")] public IReadOnlyList<string>? Protocols { get; init; }
    [JsonPropertyName("strip_path")] public bool? StripPath { get; init; }
    [JsonPropertyName("preserve_host")] public bool? PreserveHost { get; init; }
    [JsonPropertyName("regex_priority")] public int? RegexPriority { get; init; }
    [JsonPropertyName("request_buffering")] public bool? RequestBuffering { get; init; }
    [JsonPropertyName("response_buffering")] public bool? ResponseBuffering { get; init; }
    [JsonPropertyName("https_redirect_status_code")] public int? HttpsRedirectStatusCode { get; init; }
    [JsonPropertyName("path_handling")] public string? PathHandling { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>A stream route source/destination (<c>{ip?, port?}</c>).</summary>
public sealed record KongStreamEndpoint
{
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonPropertyName("port")] public int? Port { get; init; }
}
