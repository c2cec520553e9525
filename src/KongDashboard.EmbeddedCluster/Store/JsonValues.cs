using System.Globalization;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>
/// Lenient number/bool reads: values come from parsed JSON (JsonElement-backed), YAML (long) or code (int), and
/// JsonValue.GetValue&lt;T&gt; refuses to convert between those representations.
/// </summary>
public static class JsonValues
{
    public static long? AsLong(this JsonNode? node) =>
        long.TryParse(node?.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static int? AsInt(this JsonNode? node) => (int?)node.AsLong();

    public static bool? AsBool(this JsonNode? node) => node?.ToString() switch
    {
        "true" or "True" => true,
        "false" or "False" => false,
        _ => null,
    };
}
