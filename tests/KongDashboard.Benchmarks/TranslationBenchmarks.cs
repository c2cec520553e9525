using BenchmarkDotNet.Attributes;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Translation;

namespace KongDashboard.Benchmarks;

/// <summary>
/// 10,000 Ingresses with their Services and EndpointSlices. Targets (2 cores): full ≤ 200 ms,
/// one-object update ≤ 10 ms, full ≤ 3× serialization alone.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)] // as the dashboard host runs (see the project file)
public class TranslationBenchmarks
{
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private ClusterSnapshot[] _edited = [];
    private Translator _warm = new(new TranslatorOptions());
    private KongConfig _config = new();
    private int _next;

    [Params(10_000)]
    public int Ingresses { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticCluster.Generate(Ingresses);
        // Pre-built one-Ingress edits, alternated so each update sees a real change.
        var ingress = _snapshot.Ingresses.First();
        _edited =
        [
            _snapshot.With(WatchedKinds.Ingresses, _snapshot.Ingresses.Set(SyntheticCluster.Ingress(ingress.Metadata.NamespaceProperty, ingress.Metadata.Name, ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Name, 1))),
            _snapshot.With(WatchedKinds.Ingresses, _snapshot.Ingresses.Set(SyntheticCluster.Ingress(ingress.Metadata.NamespaceProperty, ingress.Metadata.Name, ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Name, 2))),
        ];
        _warm = new Translator(new TranslatorOptions());
        _config = _warm.Translate(_snapshot).Config;
    }

    public KongConfig FreshConfig() => new Translator(new TranslatorOptions()).Translate(_snapshot).Config;

    [Benchmark(Description = "full translation + serialization")]
    public int Full() => KongConfigSerializer.ToJsonUtf8(new Translator(new TranslatorOptions()).Translate(_snapshot).Config).Length;

    [Benchmark(Description = "one-object update (incremental translate)")]
    public int OneObjectUpdate() => _warm.Translate(_edited[_next++ & 1]).Config.Services!.Count;

    [Benchmark(Description = "serialization alone")]
    public int SerializationOnly() => KongConfigSerializer.ToJsonUtf8(_config).Length;
}
