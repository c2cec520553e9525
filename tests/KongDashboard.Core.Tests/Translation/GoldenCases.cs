namespace KongDashboard.Core.Tests.Translation;

/// <summary>Locates the KIC golden cases: &lt;repo root with KongDashboard.sln&gt;/../shared/conformance/kic-golden.</summary>
internal static class GoldenCases
{
    public static string? RepoRoot() => RepositoryRoot.Find();

    public static string Folder() => Conformance("kic-golden");

    /// <summary>The folder of cases written after kic-golden; run together with it as one set.</summary>
    public static string NextFolder() => Conformance("kic-golden-next");

    /// <summary>The folder holding <paramref name="caseName"/>: kic-golden, else kic-golden-next.</summary>
    public static string CaseFolder(string caseName)
    {
        var current = Path.Combine(Folder(), caseName);
        return Directory.Exists(current) ? current : Path.Combine(NextFolder(), caseName);
    }

    private static string Conformance(string folder)
    {
        return RepositoryRoot.Shared("conformance", folder);
    }

    public static bool Exists => RepoRoot() is not null && Directory.Exists(Folder());

    /// <summary>(case, variant) pairs; variant "default" or the prefix of a <c>*_settings.yaml</c>.</summary>
    public static IEnumerable<(string Case, string Variant)> All(bool fallback)
    {
        if (!Exists)
        {
            yield break;
        }
        var next = Directory.Exists(NextFolder()) ? Directory.GetDirectories(NextFolder()) : [];
        foreach (var dir in Directory.GetDirectories(Folder()).Concat(next).OrderBy(Path.GetFileName, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith("fallback-config-", StringComparison.Ordinal) != fallback || !File.Exists(Path.Combine(dir, "in.yaml")))
            {
                continue;
            }
            foreach (var golden in Directory.GetFiles(dir, "*_golden.yaml").Order(StringComparer.Ordinal))
            {
                yield return (name, Path.GetFileName(golden)[..^"_golden.yaml".Length]);
            }
        }
    }

    /// <summary>Feature flags from <c>&lt;variant&gt;_settings.yaml</c> (<c>feature_flags: {Name: bool}</c>).</summary>
    public static Dictionary<string, bool> FeatureFlags(string caseName, string variant)
    {
        var flags = new Dictionary<string, bool>();
        var settings = Path.Combine(CaseFolder(caseName), variant + "_settings.yaml");
        if (!File.Exists(settings))
        {
            return flags;
        }
        if (YamlTreeDiff.Parse(File.ReadAllText(settings)) is YamlDotNet.RepresentationModel.YamlMappingNode root
            && root.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("feature_flags"), out var ff)
            && ff is YamlDotNet.RepresentationModel.YamlMappingNode map)
        {
            foreach (var (k, v) in map.Children)
            {
                flags[((YamlDotNet.RepresentationModel.YamlScalarNode)k).Value!] = bool.Parse(((YamlDotNet.RepresentationModel.YamlScalarNode)v).Value!);
            }
        }
        return flags;
    }
}
