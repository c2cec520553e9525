using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kong;

/// <summary>
/// A Kong plugin instance. <see cref="Route"/>, <see cref="Service"/>, <see cref="Consumer"/> and
/// <see cref="ConsumerGroup"/> hold the related entity's name (KIC fills the relation's id with the name).
/// </summary>
public sealed record KongPluginEntity
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("instance_name")] public string? InstanceName { get; init; }
    [JsonPropertyName("config")] public JsonObject? Config { get; init; }
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
    [JsonPropertyName("protocols")] public IReadOnlyList<string>? Protocols { get; init; }
    [JsonPropertyName("run_on")] public string? RunOn { get; init; }
    [JsonPropertyName("ordering")] public JsonObject? Ordering { get; init; }
    [JsonPropertyName("route")] public string? Route { get; init; }
    [JsonPropertyName("service")] public string? Service { get; init; }
    [JsonPropertyName("consumer")] public string? Consumer { get; init; }
    [JsonPropertyName("consumer_group")] public string? ConsumerGroup { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}
