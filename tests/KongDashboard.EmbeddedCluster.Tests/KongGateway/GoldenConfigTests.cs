using System.Net;
using KongDashboard.EmbeddedCluster.KongGateway;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

/// <summary>Every config KIC's golden tests POST must be accepted, as real Kong accepts them.</summary>
public sealed class GoldenConfigTests
{
    private static readonly string GoldenRoot = FindGoldenRoot();

    /// <summary>../shared/conformance/kic-golden beside the repository root (the folder holding KongDashboard.sln).</summary>
    private static string FindGoldenRoot() => RepositoryRoot.Find() is null ? "" : RepositoryRoot.Shared("conformance", "kic-golden");

    public static IEnumerable<object[]> Goldens() =>
        Directory.Exists(GoldenRoot)
            ? Directory.GetFiles(GoldenRoot, "*_golden.yaml", SearchOption.AllDirectories).Order().Select(f => new object[] { Path.GetRelativePath(GoldenRoot, f) })
            : [];

    [Theory]
    [MemberData(nameof(Goldens))]
    public async Task Golden_config_is_accepted(string relativePath)
    {
        var flavor = relativePath.Contains("expression-routes-on", StringComparison.Ordinal) ? "expressions" : "traditional_compatible";
        await using var gw = await Gateway.StartAsync(new KongGatewayOptions { RouterFlavor = flavor });
        var config = LyamlToJson.Parse(await File.ReadAllTextAsync(Path.Combine(GoldenRoot, relativePath)))!.AsObject();

        var response = await gw.PostConfigAsync(config);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.NotEqual("00000000000000000000000000000000", gw.Kong.ConfigurationHash);
    }
}
