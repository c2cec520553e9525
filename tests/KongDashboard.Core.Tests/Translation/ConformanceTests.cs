using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation;
using KongDashboard.Core.Translation.Fallback;

namespace KongDashboard.Core.Tests.Translation;

/// <summary>KIC 3.5 golden cases (internal/dataplane/testdata/golden) translated and compared semantically.</summary>
public class ConformanceTests
{
    public static TheoryData<string, string> Cases() => ToTheory(GoldenCases.All(fallback: false));

    public static TheoryData<string, string> FallbackCases() => ToTheory(GoldenCases.All(fallback: true));

    private static TheoryData<string, string> ToTheory(IEnumerable<(string, string)> cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var (c, v) in cases)
        {
            data.Add(c, v);
        }

        return data;
    }

    [Fact]
    public void GoldenFolderExists()
    {
        Assert.True(GoldenCases.Exists,
            $"KIC golden folder is missing: expected {(GoldenCases.RepoRoot() is null ? "<repo root not found>" : GoldenCases.Folder())}");
        Assert.NotEmpty(GoldenCases.All(fallback: false));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesGolden(string caseName, string variant)
    {
        var snapshot = Load(caseName);
        var translator = new Translator(Options(caseName, variant));
        var actual = KongConfigSerializer.ToYaml(translator.Translate(snapshot).Config);
        AssertSameYaml(caseName, variant, actual);
    }

    [Theory]
    [MemberData(nameof(FallbackCases))]
    public void FallbackMatchesGolden(string caseName, string variant)
    {
        var snapshot = Load(caseName);
        var broken = Broken(snapshot);
        Assert.NotEmpty(broken);
        var (fallback, _) = FallbackSnapshot.Exclude(snapshot, broken);
        var translator = new Translator(Options(caseName, variant) with
        {
            FeatureGates = Options(caseName, variant).FeatureGates with { FallbackConfiguration = true },
        });
        var actual = KongConfigSerializer.ToYaml(translator.Translate(fallback).Config);
        AssertSameYaml(caseName, variant, actual);
    }

    internal static ClusterSnapshot Load(string caseName) =>
        ManifestLoader.LoadPaths([Path.Combine(GoldenCases.CaseFolder(caseName), "in.yaml")]).ToSnapshot(out _);

    internal static TranslatorOptions Options(string caseName, string variant)
    {
        var gates = FeatureGates.Default;
        foreach (var (name, value) in GoldenCases.FeatureFlags(caseName, variant))
        {
            gates = gates.With(name, value);
        }
        return new TranslatorOptions { FeatureGates = gates };
    }

    internal static List<ObjectRef> Broken(ClusterSnapshot snapshot) =>
        FallbackSnapshot.AllObjects(snapshot)
            .Where(o => o.Metadata.Annotations is { } a && a.TryGetValue("test.konghq.com/broken", out var v) && v == "true")
            .Select(ObjectRefs.Of)
            .ToList();

    internal static void AssertSameYaml(string caseName, string variant, string actual)
    {
        var expected = File.ReadAllText(Path.Combine(GoldenCases.CaseFolder(caseName), variant + "_golden.yaml"));
        var diffs = YamlTreeDiff.Diff(expected, actual);
        Assert.True(diffs.Count == 0,
            $"{caseName}/{variant}: {diffs.Count} difference(s):\n  {string.Join("\n  ", diffs.Take(40))}\n--- actual ---\n{actual}");
    }
}
