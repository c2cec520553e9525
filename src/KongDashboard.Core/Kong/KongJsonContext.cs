using System.Text.Json.Serialization;

namespace KongDashboard.Core.Kong;

/// <summary>Source-generated System.Text.Json metadata: the /config body is serialized on every change.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KongConfig))]
internal sealed partial class KongJsonContext : JsonSerializerContext;
