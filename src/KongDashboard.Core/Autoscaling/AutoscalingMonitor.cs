using System.Collections.Immutable;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Trends;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Core.Autoscaling;

/// <summary>
/// Publishes <see cref="ControllerState.Autoscaling"/> (the Kong Deployment's HPAs with history and Events),
/// <see cref="ControllerState.PodMetrics"/> and the Overview trends into a replica's state. HPAs come from the
/// replica's watch cache (<c>snapshot</c>: the state carries view models, not the snapshot); Events and metrics.k8s.io are polled, since neither is a translation input.
/// </summary>
public sealed class AutoscalingMonitor(IKubernetes client, AutoscalingOptions options, StateFeed<ControllerState> state, Func<ClusterSnapshot> snapshot, ILoggerFactory loggerFactory, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = loggerFactory.CreateLogger<AutoscalingMonitor>();
    private readonly PodMetricsReader _metrics = new(client, loggerFactory.CreateLogger<PodMetricsReader>(), time);
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, ImmutableArray<HpaSample>> _history = [];
    private ImmutableDictionary<ObjectKey, ImmutableArray<ScalingEvent>> _events = ImmutableDictionary<ObjectKey, ImmutableArray<ScalingEvent>>.Empty;
    private object? _seenHpas;
    private object? _seenEvents;
    private AutoscalingState? _built;

    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(
        WatchStateAsync(cancellationToken),
        EveryAsync(options.EventsInterval, () => ReadEventsAsync(cancellationToken), cancellationToken),
        EveryAsync(options.PodMetricsInterval, async () =>
        {
            var metrics = await _metrics.ReadAsync(null, cancellationToken).ConfigureAwait(false);
            state.Update(s => s.PodMetrics.SameReading(metrics) ? s : s with { PodMetrics = metrics });
        }, cancellationToken));

    private async Task WatchStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Each published state may change the trend sample (gateways, sync): recompute against the latest state.
            await foreach (var _ in state.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                Refresh();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task EveryAsync(TimeSpan period, Func<Task> action, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            do
            {
                try
                {
                    await action().ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogDebug(e, "Autoscaling monitor step failed");
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Recomputes on HPA, Event or state changes and publishes only when something changed: histories and trends keep
    /// change points (a value holds until the next one), so an idle cluster publishes nothing and the charts draw
    /// each value as a step up to now.
    /// </summary>
    private void Refresh()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var cluster = snapshot();
            var hpaSet = cluster.HorizontalPodAutoscalers;
            if (_built is null || !ReferenceEquals(hpaSet, _seenHpas) || !ReferenceEquals(_events, _seenEvents))
            {
                _seenHpas = hpaSet;
                _seenEvents = _events;
                _built = Build(cluster, now);
            }

            // Applied to the feed's latest state, never to the one this call was handed: the watch loop may be a state
            // behind the Event reader's refresh, and writing back that older state's Autoscaling (without the new
            // Events) lost them until the HPA next changed.
            var autoscaling = _built;
            state.Update(s =>
            {
                var sample = OverviewSample.From(s with { Autoscaling = autoscaling }, now);
                var latest = s.Trends.Latest;
                var trends = latest is null || !latest.SameValues(sample) ? s.Trends.Add(sample) : s.Trends;
                return ReferenceEquals(autoscaling, s.Autoscaling) && ReferenceEquals(trends, s.Trends)
                    ? s
                    : s with { Autoscaling = autoscaling, Trends = trends };
            });
        }
    }

    private AutoscalingState Build(ClusterSnapshot snapshot, DateTimeOffset now)
    {
        var (selection, hpas) = Select(snapshot);
        var views = ImmutableArray.CreateBuilder<HpaView>();
        foreach (var hpa in hpas)
        {
            var key = ObjectKey.Of(hpa.Metadata);
            var history = _history.GetValueOrDefault(key, []);
            var view = HpaViews.From(hpa, history, _events.GetValueOrDefault(key, []));
            var sample = HpaViews.Sample(view, now);
            if (history.IsEmpty || !SameSample(history[^1], sample))
            {
                history = history.Length >= options.HistoryLimit ? history.RemoveAt(0).Add(sample) : history.Add(sample);
                _history[key] = history;
            }

            views.Add(view with { History = history });
        }

        foreach (var gone in _history.Keys.Except(views.Select(v => v.Key)).ToList())
        {
            _history.Remove(gone);
        }

        return new AutoscalingState(selection, views.ToImmutable(), now);
    }

    private static bool SameSample(HpaSample a, HpaSample b) =>
        a.CurrentReplicas == b.CurrentReplicas && a.DesiredReplicas == b.DesiredReplicas && a.Metrics.SequenceEqual(b.Metrics);

    /// <summary>The HPAs targeting the Kong Deployment; else every HPA in its namespace; else (no Deployment set) all.</summary>
    private (string Selection, IReadOnlyList<V2HorizontalPodAutoscaler> Hpas) Select(ClusterSnapshot snapshot)
    {
        var all = snapshot.HorizontalPodAutoscalers.OrderBy(h => ObjectKey.Of(h.Metadata)).ToList();
        if (options.Deployment is not { } deployment)
        {
            return ("all HPAs (Kong:Deployment not set)", all);
        }

        var targeting = all.Where(h => h.Metadata.NamespaceProperty == deployment.Namespace
            && h.Spec.ScaleTargetRef is { Kind: "Deployment" } t && t.Name == deployment.Name).ToList();
        return targeting.Count > 0
            ? ($"HPAs of Deployment {deployment.Namespace}/{deployment.Name}", targeting)
            : ($"no HPA targets Deployment {deployment.Namespace}/{deployment.Name}; all HPAs in namespace {deployment.Namespace}",
                all.Where(h => h.Metadata.NamespaceProperty == deployment.Namespace).ToList());
    }

    private async Task ReadEventsAsync(CancellationToken cancellationToken)
    {
        const string selector = "involvedObject.kind=HorizontalPodAutoscaler";
        var list = options.Deployment is { } d
            ? await client.CoreV1.ListNamespacedEventAsync(d.Namespace, fieldSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CoreV1.ListEventForAllNamespacesAsync(fieldSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
        var events = list.Items
            .Where(e => e.InvolvedObject?.Kind == "HorizontalPodAutoscaler")
            .GroupBy(e => new ObjectKey(e.InvolvedObject.NamespaceProperty ?? e.Metadata.NamespaceProperty ?? "", e.InvolvedObject.Name ?? ""))
            .ToImmutableDictionary(g => g.Key, g => g
                .Select(e => new ScalingEvent(At(e), e.Type ?? "Normal", e.Reason ?? "", e.Message ?? "", e.Count ?? 1))
                .OrderByDescending(e => e.At).Take(options.EventsPerHpa).ToImmutableArray());
        lock (_gate)
        {
            if (events.Count == _events.Count && events.All(p => _events.TryGetValue(p.Key, out var old) && old.SequenceEqual(p.Value)))
            {
                return;
            }

            _events = events;
        }

        Refresh();
    }

    private static DateTimeOffset? At(Corev1Event e) =>
        (e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp) is { } t
            ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))
            : null;
}
