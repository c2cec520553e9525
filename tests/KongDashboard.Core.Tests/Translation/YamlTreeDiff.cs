using YamlDotNet.RepresentationModel;

namespace KongDashboard.Core.Tests.Translation;

/// <summary>Semantic YAML comparison: map key order ignored, sequence order significant, scalars by text.</summary>
internal static class YamlTreeDiff
{
    public static YamlNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    public static List<string> Diff(string expectedYaml, string actualYaml)
    {
        var differences = new List<string>();
        Compare("$", Parse(expectedYaml), Parse(actualYaml), differences);
        return differences;
    }

    private static void Compare(string path, YamlNode? expected, YamlNode? actual, List<string> diffs)
    {
        switch (expected, actual)
        {
            case (YamlMappingNode e, YamlMappingNode a):
                var eKeys = e.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
                var aKeys = a.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
                foreach (var key in eKeys.Union(aKeys).Order(StringComparer.Ordinal))
                {
                    var child = $"{path}.{key}";
                    if (!aKeys.Contains(key))
                    {
                        diffs.Add($"{child}: missing (expected {Short(e.Children[key])})");
                    }
                    else if (!eKeys.Contains(key))
                    {
                        diffs.Add($"{child}: unexpected {Short(a.Children[key])}");
                    }
                    else
                    {
                        Compare(child, e.Children[key], a.Children[key], diffs);
                    }
                }
                break;
            case (YamlSequenceNode e, YamlSequenceNode a):
                for (var i = 0; i < Math.Max(e.Children.Count, a.Children.Count); i++)
                {
                    var child = $"{path}[{i}]";
                    if (i >= a.Children.Count)
                    {
                        diffs.Add($"{child}: missing (expected {Short(e.Children[i])})");
                    }
                    else if (i >= e.Children.Count)
                    {
                        diffs.Add($"{child}: unexpected {Short(a.Children[i])}");
                    }
                    else
                    {
                        Compare(child, e.Children[i], a.Children[i], diffs);
                    }
                }
                break;
            case (YamlScalarNode e, YamlScalarNode a):
                if (e.Value != a.Value)
                {
                    diffs.Add($"{path}: expected {Short(e)}, got {Short(a)}");
                }

                break;
            default:
                diffs.Add($"{path}: expected {Short(expected)}, got {Short(actual)}");
                break;
        }
    }

    private static string Short(YamlNode? node)
    {
        var text = node switch
        {
            null => "nothing",
            YamlScalarNode s => $"\"{s.Value}\"",
            _ => node.ToString(),
        };
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}
