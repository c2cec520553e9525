using System.Text.Json.Nodes;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Tests.Translation;

/// <summary>The /config body assembled from cached entity fragments is byte-identical to a full serialization.</summary>
public class IncrementalSerializationTests
{
    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    public void SameBytesAsFullSerialization_OverRandomEdits(int seed, bool expressions)
    {
        var options = new TranslatorOptions { FeatureGates = FeatureGates.Default with { ExpressionRoutes = expressions } };
        var random = new Random(seed);
        var snapshot = SyntheticCluster.Generate(80, seed);
        var translator = new Translator(options);
        var serializer = new IncrementalConfigSerializer();
        for (var step = 0; step < 150; step++)
        {
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                snapshot = IncrementalTranslationTests.Edit(snapshot, random);
            }

            var config = translator.Translate(snapshot).Config;
            Assert.Equal(KongConfigSerializer.ToJsonUtf8(config), serializer.ToJsonUtf8(config));
        }

        // Positive control: the fragments were reused, so the comparison above covered assembled bodies, not only
        // freshly written ones.
        var (hits, misses) = serializer.Counters;
        Assert.True(hits > 10 * misses, $"expected mostly reused fragments, got {hits} hits and {misses} misses");
    }

    [Fact]
    public void OneChangedIngress_WritesOnlyItsOwnEntities()
    {
        var snapshot = SyntheticCluster.Generate(200);
        var translator = new Translator(new TranslatorOptions());
        var serializer = new IncrementalConfigSerializer();
        var before = translator.Translate(snapshot).Config;
        serializer.ToJsonUtf8(before);
        var written = serializer.Counters.Misses;
        Assert.Equal(before.Services!.Count + before.Upstreams!.Count, written);

        var ingress = snapshot.Ingresses.First();
        var changed = SyntheticCluster.Ingress(ingress.Metadata.NamespaceProperty, ingress.Metadata.Name, ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Name, 1);
        changed.Metadata.Uid = ingress.Metadata.Uid;
        changed.Metadata.Annotations["konghq.com/methods"] = "PATCH";
        var after = translator.Translate(snapshot.With(Core.Kubernetes.WatchedKinds.Ingresses, snapshot.Ingresses.Set(changed))).Config;
        var body = serializer.ToJsonUtf8(after);

        Assert.Equal(KongConfigSerializer.ToJsonUtf8(after), body);
        Assert.Contains("PATCH", System.Text.Encoding.UTF8.GetString(body));
        Assert.InRange(serializer.Counters.Misses - written, 1, 2); // its service (with the route); at most its upstream
    }

    [Fact]
    public void EveryTopLevelList_EmptyListsAndNestedJson_AreWrittenAsTheFullSerializerDoes()
    {
        var tags = new[] { "k8s-name:a", "é ü <&>" };
        var config = new KongConfig
        {
            Services = [new KongService { Name = "s", Port = 80, Routes = [new KongRoute { Name = "r", Paths = ["/\"quoted\""], Headers = new Dictionary<string, IReadOnlyList<string>> { ["x"] = ["1"] } }], Tags = tags }],
            Upstreams = [],
            Certificates = [new KongCertificate { Id = "c", Cert = "-----BEGIN-----\nabc\n", Snis = [new KongSni { Name = "a.example", Certificate = new KongIdRef("c") }] }],
            CaCertificates = [new KongCaCertificate { Id = "ca", Cert = "x" }],
            Plugins = [new KongPluginEntity { Name = "p", Config = new JsonObject { ["n"] = 1.5, ["list"] = new JsonArray("a", null) } }],
            Consumers = [new KongConsumerEntity { Username = "u", KeyauthCredentials = [new JsonObject { ["key"] = "k" }] }],
            ConsumerGroups = [new KongConsumerGroup { Name = "g" }],
            ConsumerGroupConsumers = [new KongConsumerGroupConsumer("u", "g")],
            Vaults = [new KongVaultEntity { Name = "env", Prefix = "e" }],
        };
        var serializer = new IncrementalConfigSerializer();

        Assert.Equal(KongConfigSerializer.ToJsonUtf8(config), serializer.ToJsonUtf8(config));
        Assert.Equal(KongConfigSerializer.ToJsonUtf8(config), serializer.ToJsonUtf8(config)); // from the cache
        Assert.Equal(KongConfigSerializer.ToJsonUtf8(new KongConfig()), serializer.ToJsonUtf8(new KongConfig()));
    }

    [Theory]
    [MemberData(nameof(ConformanceTests.Cases), MemberType = typeof(ConformanceTests))]
    public void SameBytesAsFullSerialization_OnEveryConformanceCase(string caseName, string variant)
    {
        var config = new Translator(ConformanceTests.Options(caseName, variant)).Translate(ConformanceTests.Load(caseName)).Config;

        Assert.Equal(KongConfigSerializer.ToJsonUtf8(config), new IncrementalConfigSerializer().ToJsonUtf8(config));
    }

    [Fact]
    public void PayloadSha_FollowsTheBody_EqualForEqualBodiesAndChangedByOneEntity()
    {
        var snapshot = SyntheticCluster.Generate(30);
        var config = new Translator(new TranslatorOptions()).Translate(snapshot).Config;
        var fresh = new Translator(new TranslatorOptions()).Translate(snapshot).Config; // equal JSON, other objects

        var payload = ConfigPayload.Of(config, PayloadKind.Full, 1);
        var same = ConfigPayload.Of(fresh, PayloadKind.Full, 2);
        var service = config.Services![7];
        var changed = ConfigPayload.Of(config with { Services = [.. config.Services.Select(s => s == service ? s with { Retries = 9 } : s)] }, PayloadKind.Full, 3);

        Assert.Equal(KongConfigSerializer.ToJsonUtf8(config), payload.Body);
        Assert.False(ReferenceEquals(config.Services[0], fresh.Services![0]));
        Assert.Equal(payload.Sha, same.Sha);
        Assert.NotEqual(payload.Sha, changed.Sha);
        Assert.Equal(64, payload.Sha.Length);
    }

    [Fact]
    public void OneChangedService_RehashesOneChunk_AndTheHashStillFollowsTheBody()
    {
        var config = new Translator(new TranslatorOptions()).Translate(SyntheticCluster.Generate(2_000)).Config;
        var serializer = new IncrementalConfigSerializer();
        var (body, sha) = serializer.Serialize(config);
        var hashedFirst = serializer.ChunksHashed;
        // Positive control: the first body was cut into many chunks, and each had to be hashed.
        Assert.True(body.Chunks.Length > 20 && hashedFirst > 20, $"{body.Chunks.Length} chunks, {hashedFirst} hashed");

        var service = config.Services![config.Services.Count / 2];
        var changed = config with { Services = [.. config.Services.Select(s => s == service ? s with { Retries = 9 } : s)] };
        var (changedBody, changedSha) = serializer.Serialize(changed);
        var (_, againSha) = serializer.Serialize(config);

        // Two bodies after the first, each re-hashing its changed chunk (a changed digest may also split or join it).
        Assert.InRange(serializer.ChunksHashed - hashedFirst, 1, 4);
        Assert.Equal(KongConfigSerializer.ToJsonUtf8(changed), changedBody.ToArray());
        Assert.NotEqual(sha, changedSha);
        Assert.Equal(sha, againSha);
        Assert.Equal(sha, new IncrementalConfigSerializer().Serialize(config).Sha); // a cold cache gives the same hash
    }

    [Fact]
    public void BodyStream_ReadsThePiecesInOrder_AndSeeks()
    {
        var config = new Translator(new TranslatorOptions()).Translate(SyntheticCluster.Generate(50)).Config;
        var (body, _) = new IncrementalConfigSerializer().Serialize(config);
        var expected = KongConfigSerializer.ToJsonUtf8(config);
        Assert.True(body.SegmentCount > 50 && body.Chunks.Length > 1); // pieces, not one array: the stream below walks them

        using var stream = body.OpenRead();
        var read = new MemoryStream();
        var buffer = new byte[37]; // smaller than most pieces, so reads split and join them
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            read.Write(buffer, 0, n);
        }

        Assert.Equal(expected, read.ToArray());
        Assert.Equal(expected.Length, stream.Length);

        stream.Position = 1000;
        Assert.Equal(expected[1000], (byte)stream.ReadByte());
        stream.Seek(0, SeekOrigin.Begin);
        Assert.Equal((byte)'{', (byte)stream.ReadByte());
    }
}
