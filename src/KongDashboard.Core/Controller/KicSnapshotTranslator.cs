using System.Collections.Immutable;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Controller;

/// <summary>KIC's translation of a snapshot, shaped for the dashboard. Keeps the translator's per-object caches.</summary>
public sealed class KicSnapshotTranslator(TranslatorOptions options)
{
    private readonly Translator _translator = new(options);

    public TranslatorOptions Options => options;

    /// <summary>Translates (incrementally) and shapes the result for the dashboard; no I/O.</summary>
    public (TranslationState State, TranslationResult Result) Translate(ClusterSnapshot snapshot, long generation)
    {
        var result = _translator.Translate(snapshot);
        var config = result.Config;
        var counts = new KongEntityCounts(
            config.Services?.Count ?? 0,
            config.AllRoutes().Count(),
            config.Upstreams?.Count ?? 0,
            config.Upstreams?.Sum(u => u.Targets?.Count ?? 0) ?? 0,
            config.Certificates?.Count ?? 0,
            config.Plugins?.Count ?? 0,
            config.Consumers?.Count ?? 0);
        var state = new TranslationState(
            generation,
            snapshot.Version,
            DateTimeOffset.UtcNow,
            result.Duration,
            IngressRowBuilder.Build(snapshot, result, options.IngressClass),
            result.Failures.Select(f => new FailureRow(f.Message, f.CausingObjects)).ToImmutableArray(),
            counts)
        { Config = config };
        return (state, result);
    }
}
