using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// Reads a YAML declarative config the way the embedded Kong's Admin API does, mimicking lyaml (Kong 3.9.1
/// kong/db/declarative/init.lua:120, <c>pcall(lyaml.load, contents)</c>): quoted scalars stay strings, plain ones become
/// numbers, true/false or null. This deliberately differs from KongDashboard.Core.Kubernetes.YamlToJson, which follows
/// Kubernetes (sigs.k8s.io/yaml, go-yaml v2: yes/no/on/off are booleans, 0x/0o/0b integers): Kong and Kubernetes are
/// different systems reading the same text differently, and each embedded one must answer as its real one does.
/// </summary>
internal static class LyamlToJson
{
    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv =>
            new KeyValuePair<string, JsonNode?>(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
        YamlScalarNode sc => Scalar(sc),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(v);
        }
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }
        if (v.Any(char.IsDigit) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !v.Contains(' '))
        {
            return JsonValue.Create(d);
        }
        return JsonValue.Create(v);
    }
}
