using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Tests.TestSupport;

internal static class Json
{
    public static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
