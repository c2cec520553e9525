using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kong;

/// <summary>
/// Kong declarative configuration (the body of DB-less <c>POST /config</c>), shaped like decK's <c>file.Content</c>
/// after KIC's DB-less conversion. Property names are Kong's; nulls are omitted when serialized.
/// </summary>
public sealed record KongConfig
{
    public const string FormatVersion3 = "3.0";

    [JsonPropertyName("_format_version")] public string FormatVersion { get; init; } = FormatVersion3;
    [JsonPropertyName("services")] public IReadOnlyList<KongService>? Services { get; init; }
    [JsonPropertyName("upstreams")] public IReadOnlyList<KongUpstream>? Upstreams { get; init; }
    [JsonPropertyName("certificates")] public IReadOnlyList<KongCertificate>? Certificates { get; init; }
    [JsonPropertyName("ca_certificates")] public IReadOnlyList<KongCaCertificate>? CaCertificates { get; init; }
    [JsonPropertyName("plugins")] public IReadOnlyList<KongPluginEntity>? Plugins { get; init; }
    [JsonPropertyName("consumers")] public IReadOnlyList<KongConsumerEntity>? Consumers { get; init; }
    [JsonPropertyName("consumer_groups")] public IReadOnlyList<KongConsumerGroup>? ConsumerGroups { get; init; }

    /// <summary>DB-less form of consumer-group membership (KIC sendconfig/inmemory_schema.go: convertConsumerGroups).</summary>
    [JsonPropertyName("consumer_group_consumers")] public IReadOnlyList<KongConsumerGroupConsumer>? ConsumerGroupConsumers { get; init; }
    [JsonPropertyName("vaults")] public IReadOnlyList<KongVaultEntity>? Vaults { get; init; }

    /// <summary>
    /// KongCustomEntity sections, each a top-level key named after its type (written after the sections above by
    /// <see cref="KongConfigSerializer"/>; ignored when a configuration is read back).
    /// </summary>
    [JsonIgnore] public IReadOnlyList<KongCustomEntities>? CustomEntities { get; init; }

    /// <summary>Every route with its parent service.</summary>
    public IEnumerable<(KongService Service, KongRoute Route)> AllRoutes() =>
        (Services ?? []).SelectMany(s => (s.Routes ?? []).Select(r => (s, r)));
}
