using KongDashboard.Core.Kubernetes;
using YamlDotNet.Core;

namespace KongDashboard.Core.Tests.Kubernetes;

/// <summary>Plain scalars resolve as sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) resolves them; quoted ones stay strings.</summary>
public sealed class YamlToJsonTests
{
    [Theory]
    [InlineData("yes", "true")]
    [InlineData("Y", "true")]
    [InlineData("on", "true")]
    [InlineData("OFF", "false")]
    [InlineData("no", "false")]
    [InlineData("~", "null")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("017", "15")]
    [InlineData("0b101", "5")]
    [InlineData("-0b101", "-5")]
    [InlineData("1_000", "1000")]
    [InlineData("08", "8")] // not octal, so go-yaml falls through to the float rule
    [InlineData("1e3", "1000")]
    [InlineData(".5", "0.5")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("0.0.0.0:8000", "\"0.0.0.0:8000\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("yes please", "\"yes please\"")]
    public void Plain_scalars_resolve_with_yaml_1_1_rules(string plain, string json) =>
        Assert.Equal(json, YamlToJson.ParseDocuments($"v: {plain}\n")[0]["v"]?.ToJsonString() ?? "null");

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("'on'")]
    [InlineData("!!str 0x1F")]
    public void Quoted_or_tagged_strings_stay_strings(string scalar)
    {
        var value = YamlToJson.ParseDocuments($"v: {scalar}\n")[0]["v"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, value.GetValueKind());
    }

    [Fact]
    public void Keys_become_their_resolved_text()
    {
        var doc = YamlToJson.ParseDocuments("yes: a\n0x10: b\n\"no\": c\n")[0];
        Assert.Equal("""{"true":"a","16":"b","no":"c"}""", doc.ToJsonString());
    }

    [Fact]
    public void Infinity_and_nan_are_refused_naming_the_value()
    {
        Assert.Equal(1.5, YamlToJson.ParseDocuments("v: 1.5\n")[0]["v"]!.GetValue<double>()); // a float passes
        var error = Assert.Throws<YamlException>(() => YamlToJson.ParseDocuments("v: .inf\n"));
        Assert.Contains(".inf is not a number JSON can hold", error.Message, StringComparison.Ordinal);
    }
}
