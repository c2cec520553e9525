using System.Text.Json.Nodes;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Tests.Translation;

public class IdsAndSerializationTests
{
    // The three ids verified in kic-translation.md §1.5 (go-kong kong/ids.go).
    [Fact]
    public void UuidV5_MatchesGoKong()
    {
        Assert.Equal("edc1d53e-73b4-5932-9455-0e01f0d53e3f", KongIds.Service("bar-namespace.foo-svc.80"));
        Assert.Equal("fc9a8135-0253-5631-b1e0-8712f796a4e2", KongIds.Route("bar-namespace.ing-with-tls.foo-svc.example.com.80"));
        Assert.Equal("61a22b86-f859-5c8a-a23c-97b92b14b635", KongIds.Plugin("correlation-id", null, "default.httpbin.httpbin..80", null, null));
    }

    [Fact]
    public void EmptySnapshot_GivesStubUpstream()
    {
        var result = new Translator(new TranslatorOptions()).Translate(Cluster.ClusterSnapshot.Empty);
        Assert.Equal("{\"_format_version\":\"3.0\",\"upstreams\":[{\"name\":\"kong\"}]}", KongConfigSerializer.ToJson(result.Config));
        Assert.Equal("_format_version: \"3.0\"\nupstreams:\n- name: kong\n", KongConfigSerializer.ToYaml(result.Config));
    }

    [Fact]
    public void Redactor_HidesKeysAndSecrets()
    {
        var config = new KongConfig
        {
            Certificates = [new KongCertificate { Id = "1", Cert = "CERT", Key = "KEY" }],
            Consumers = [new KongConsumerEntity { Username = "u", KeyauthCredentials = [new JsonObject { ["key"] = "secret-key" }], Acls = [new JsonObject { ["group"] = "g" }] }],
        };
        var json = KongConfigSerializer.ToJson(SecretRedactor.Redact(config));
        Assert.DoesNotContain("KEY\"", json);
        Assert.DoesNotContain("secret-key", json);
        Assert.Contains("\"group\":\"g\"", json);
        Assert.Equal("KEY", config.Certificates[0].Key); // the original is untouched
    }

    [Fact]
    public void FeatureGates_Parse_RejectsUnknownNames()
    {
        var gates = FeatureGates.Parse("ExpressionRoutes=true,FillIDs=false");
        Assert.True(gates.ExpressionRoutes);
        Assert.False(gates.FillIDs);
        var error = Assert.Throws<FormatException>(() => FeatureGates.Parse("Nope=true"));
        Assert.Contains("unknown feature gate \"Nope\"", error.Message);
    }

    [Fact]
    public void Sha256_ChangesWithContent()
    {
        var a = KongConfigSerializer.Sha256(new KongConfig());
        var b = KongConfigSerializer.Sha256(new KongConfig { Upstreams = [new KongUpstream { Name = "x" }] });
        Assert.NotEqual(a, b);
        Assert.Equal(64, a.Length);
    }
}
