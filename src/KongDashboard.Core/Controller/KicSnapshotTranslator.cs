using System.Collections.Immutable;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Status;
using KongDashboard.Core.Translation;
using KongDashboard.Core.Views;

namespace KongDashboard.Core.Controller;

/// <summary>KIC's translation of a snapshot, shaped for the dashboard. Keeps the translator's per-object caches.</summary>
public sealed class KicSnapshotTranslator(TranslatorOptions options, TimeProvider? time = null)
{
    private readonly Translator _translator = new(options);

    public TranslatorOptions Options => options;

    /// <summary>Translates (incrementally) and shapes the result for the dashboard; no I/O.</summary>
    public (TranslationState State, TranslationResult Result) Translate(ClusterSnapshot snapshot, long generation)
    {
        var result = TranslateConfig(snapshot);
        return (Shape(snapshot, result, generation), result);
    }

    /// <summary>Only the Kong configuration (incremental): what sync needs, before the rows are shaped.</summary>
    public TranslationResult TranslateConfig(ClusterSnapshot snapshot) => _translator.Translate(snapshot);

    /// <summary>The dashboard's view of a result: counts and one row per routing object (proportional to the cluster).</summary>
    public TranslationState Shape(ClusterSnapshot snapshot, TranslationResult result, long generation)
    {
        var config = result.Config;
        var counts = new KongEntityCounts(
            config.Services?.Count ?? 0,
            config.AllRoutes().Count(),
            config.Upstreams?.Count ?? 0,
            config.Upstreams?.Sum(u => u.Targets?.Count ?? 0) ?? 0,
            config.Certificates?.Count ?? 0,
            config.Plugins?.Count ?? 0,
            config.Consumers?.Count ?? 0);
        var rows = TranslationRowBuilder.Build(snapshot, result, options.IngressClass);
        return new TranslationState(
            generation,
            snapshot.Version,
            (time ?? TimeProvider.System).GetUtcNow(),
            result.Duration,
            rows,
            result.Failures.Select(f => new FailureRow(f.Message, f.CausingObjects)).ToImmutableArray(),
            counts)
        {
            Config = config,
            Objects = TranslatedObjects.Build(result, rows),
            NotTranslated = result.NotTranslated,
            GatewayApi = GatewayApiViews.Build(snapshot, options),
        };
    }
}
