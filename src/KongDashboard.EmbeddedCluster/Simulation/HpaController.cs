using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Rest;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.Simulation;

/// <summary>
/// The horizontal-pod-autoscaler controller of kube-controller-manager, for Deployment targets: every sync period
/// it evaluates each HPA with <see cref="HpaAlgorithm"/>, writes its status, scales the Deployment through the
/// /scale semantics and records a SuccessfulRescale Event on the HPA.
/// </summary>
internal sealed class HpaController(ResourceStore store, PodMetricsSource metrics, LoadSimulationOptions options, TimeProvider clock, ILogger logger)
{
    public const string Component = "horizontal-pod-autoscaler";

    private readonly ConcurrentDictionary<string, HpaMemory> _memory = new();

    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.HpaSyncPeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                SyncAll();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal void SyncAll()
    {
        var hpas = store.List("HorizontalPodAutoscaler");
        foreach (var stale in _memory.Keys.Except(hpas.Select(h => h.Uid()!)).ToList())
        {
            _memory.TryRemove(stale, out _);
        }

        foreach (var hpa in hpas)
        {
            try
            {
                Sync(hpa);
            }
            catch (ApiException e)
            {
                // A concurrent write (kubectl, the dashboard) won the race: the next period retries.
                logger.LogDebug("HPA {Namespace}/{Name} sync skipped: {Message}", hpa.Namespace(), hpa.Name(), e.Message);
            }
        }
    }

    private void Sync(JsonObject hpaJson)
    {
        var now = clock.GetUtcNow();
        var hpa = KubernetesJson.Deserialize<V2HorizontalPodAutoscaler>(hpaJson.ToJsonString());
        var ns = hpaJson.Namespace()!;
        var memory = _memory.GetOrAdd(hpaJson.Uid()!, _ => new HpaMemory());
        var target = hpa.Spec.ScaleTargetRef;
        var deployment = target.Kind == "Deployment" ? store.TryGet("Deployment", ns, target.Name) : null;
        if (deployment is null)
        {
            var message = target.Kind == "Deployment"
                ? $"the HPA controller was unable to get the target's current scale: deployments/scale.apps \"{target.Name}\" not found"
                : $"the HPA controller was unable to get the target's current scale: no scale subresource for {target.Kind} in this cluster";
            WriteStatus(hpaJson, hpa.Status?.CurrentReplicas, hpa.Status?.DesiredReplicas ?? 0, [], [new("AbleToScale", "False", "FailedGetScale", message)], null, now);
            return;
        }

        var current = deployment["spec"]?["replicas"].AsInt() ?? 1;
        var selector = deployment["spec"]?["selector"]?["matchLabels"] as JsonObject;
        var ready = store.List("Pod", ns).Where(p => PodReadiness.Matches(p, selector) && PodReadiness.IsReady(p)).ToList();
        var specs = hpa.Spec.Metrics is { Count: > 0 } m ? m : [HpaMetrics.DefaultCpu];
        var proposals = specs.Select(s => HpaMetrics.Evaluate(s, ready, metrics, current, options.Tolerance)).ToList();
        var decision = HpaAlgorithm.Decide(hpa.Spec, current, proposals, memory, now);
        var conditions = decision.Conditions.ToList();
        var lastScale = hpa.Status?.LastScaleTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : (DateTimeOffset?)null;

        if (decision.Desired != current && decision.RescaleReason is { } reason)
        {
            try
            {
                ScaleSubresource.Update(store, store.Kinds["Deployment"], ns, target.Name, scale =>
                {
                    scale["spec"] = new JsonObject { ["replicas"] = decision.Desired };
                    return scale;
                });
                HpaAlgorithm.RecordScale(memory, current, decision.Desired, now);
                lastScale = now;
                conditions[0] = new("AbleToScale", "True", "SucceededRescale", $"the HPA controller was able to update the target scale to {decision.Desired}");
                RecordEvent(hpaJson, "Normal", "SuccessfulRescale", $"New size: {decision.Desired}; reason: {reason}", now);
                logger.LogDebug("HPA {Namespace}/{Name}: {From} → {To} ({Reason})", ns, hpaJson.Name(), current, decision.Desired, reason);
            }
            catch (ApiException e)
            {
                conditions[0] = new("AbleToScale", "False", "FailedUpdateScale", $"the HPA controller was unable to update the target scale: {e.Message}");
                RecordEvent(hpaJson, "Warning", "FailedRescale", $"New size: {decision.Desired}; reason: {reason}; error: {e.Message}", now);
            }
        }

        Prune(memory, hpa.Spec, now);
        var observed = deployment["status"]?["replicas"].AsInt() ?? current;
        WriteStatus(hpaJson, observed, decision.Desired, decision.CurrentMetrics, conditions, lastScale, now);
    }

    private static void Prune(HpaMemory memory, V2HorizontalPodAutoscalerSpec spec, DateTimeOffset now)
    {
        var longest = HpaBehavior.ScaleUp(spec).Policies.Concat(HpaBehavior.ScaleDown(spec).Policies).Max(p => p.PeriodSeconds);
        memory.ScaleUps.RemoveAll(e => e.At <= now - TimeSpan.FromSeconds(longest));
        memory.ScaleDowns.RemoveAll(e => e.At <= now - TimeSpan.FromSeconds(longest));
    }

    private void WriteStatus(JsonObject hpa, int? currentReplicas, int desired, IReadOnlyList<V2MetricStatus> currentMetrics,
        IReadOnlyList<HpaCondition> conditions, DateTimeOffset? lastScale, DateTimeOffset now)
    {
        var old = hpa["status"] as JsonObject;
        var oldConditions = (old?["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var status = new JsonObject { ["desiredReplicas"] = desired };
        if (currentReplicas is { } replicas)
        {
            status["currentReplicas"] = replicas;
        }

        if (currentMetrics.Count > 0)
        {
            status["currentMetrics"] = JsonNode.Parse(KubernetesJson.Serialize(currentMetrics.ToList()));
        }

        if (lastScale is { } at)
        {
            status["lastScaleTime"] = ObjectMeta.Timestamp(at);
        }

        status["observedGeneration"] = hpa.Metadata()["generation"].AsLong() ?? 1;
        status["conditions"] = new JsonArray(conditions.Select(c =>
        {
            var previous = oldConditions.FirstOrDefault(o => o["type"]?.ToString() == c.Type);
            // lastTransitionTime only moves when the status flips, as upstream setConditionInList does.
            var since = previous?["status"]?.ToString() == c.Status ? previous["lastTransitionTime"]?.ToString() : null;
            return (JsonNode)new JsonObject
            {
                ["type"] = c.Type,
                ["status"] = c.Status,
                ["lastTransitionTime"] = since ?? ObjectMeta.Timestamp(now),
                ["reason"] = c.Reason,
                ["message"] = c.Message,
            };
        }).ToArray());
        if (JsonNode.DeepEquals(status, old))
        {
            return;
        }

        hpa["status"] = status;
        store.UpdateStatus("HorizontalPodAutoscaler", hpa.Namespace(), hpa.Name()!, hpa);
    }

    private void RecordEvent(JsonObject hpa, string type, string reason, string message, DateTimeOffset now)
    {
        var at = ObjectMeta.Timestamp(now);
        store.Create("Event", hpa.Namespace(), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"{hpa.Name()}.{now.UtcTicks:x}", ["namespace"] = hpa.Namespace() },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = "autoscaling/v2",
                ["kind"] = "HorizontalPodAutoscaler",
                ["name"] = hpa.Name(),
                ["namespace"] = hpa.Namespace(),
                ["uid"] = hpa.Uid(),
                ["resourceVersion"] = hpa.ResourceVersion(),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = type,
            ["count"] = 1,
            ["firstTimestamp"] = at,
            ["lastTimestamp"] = at,
            ["source"] = new JsonObject { ["component"] = Component },
            ["reportingComponent"] = Component,
            ["reportingInstance"] = "",
        });
    }
}
