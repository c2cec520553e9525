using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kong;

/// <summary>A Kong vault: secrets referenced as <c>{vault://&lt;prefix&gt;/…}</c> are read from its backend.</summary>
public sealed record KongVaultEntity
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("prefix")] public string? Prefix { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("config")] public JsonObject? Config { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>One consumer's membership of one consumer group, as DB-less <c>/config</c> takes it.</summary>
public sealed record KongConsumerGroupConsumer(
    [property: JsonPropertyName("consumer")] string Consumer,
    [property: JsonPropertyName("consumer_group")] string ConsumerGroup);
