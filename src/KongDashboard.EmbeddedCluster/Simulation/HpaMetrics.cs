using System.Text.Json.Nodes;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Simulation;

/// <summary>
/// Turns each spec.metrics entry into a <see cref="MetricProposal"/> from the target's ready pods and the
/// metrics.k8s.io data. Resource and ContainerResource (cpu, memory; Utilization or AverageValue) are computed;
/// Pods, Object and External need custom/external metrics APIs this cluster does not serve, so they fail with the
/// reason the real controller gives.
/// </summary>
internal static class HpaMetrics
{
    public static readonly V2MetricSpec DefaultCpu = new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 80 } },
    };

    public static MetricProposal Evaluate(V2MetricSpec metric, IReadOnlyList<JsonObject> readyPods, PodMetricsSource source, int current, double tolerance)
    {
        switch (metric.Type)
        {
            case "Resource" when metric.Resource is { } r:
                return Resource(r.Name, null, r.Target, readyPods, source, current, tolerance);
            case "ContainerResource" when metric.ContainerResource is { } c:
                return Resource(c.Name, c.Container, c.Target, readyPods, source, current, tolerance);
            case "Pods":
                return Unsupported("Pods", metric.Pods?.Metric?.Name, "FailedGetPodsMetric", "custom metrics API (custom.metrics.k8s.io)");
            case "Object":
                return Unsupported("Object", metric.ObjectProperty?.Metric?.Name, "FailedGetObjectMetric", "custom metrics API (custom.metrics.k8s.io)");
            case "External":
                return Unsupported("External", metric.External?.Metric?.Name, "FailedGetExternalMetric", "external metrics API (external.metrics.k8s.io)");
            default:
                return MetricProposal.Failed(metric.Type ?? "metric", "InvalidMetricSourceType", $"the HPA was unable to compute the replica count: unknown metric source type \"{metric.Type}\"");
        }
    }

    private static MetricProposal Unsupported(string type, string? name, string reason, string api) =>
        MetricProposal.Failed($"{type.ToLowerInvariant()} metric {name}", reason,
            $"the HPA was unable to compute the replica count: unable to get {type.ToLowerInvariant()} metric {name}: no {api} is served by this cluster");

    private static MetricProposal Resource(string resource, string? container, V2MetricTarget target, IReadOnlyList<JsonObject> pods, PodMetricsSource source, int current, double tolerance)
    {
        var scope = container is null ? "resource" : "container resource";
        var utilization = target.Type == "Utilization";
        var description = utilization ? $"{resource} {scope} utilization (percentage of request)" : $"{resource} {scope}";
        var reason = container is null ? "FailedGetResourceMetric" : "FailedGetContainerResourceMetric";
        decimal usage = 0, requests = 0;
        var counted = 0;
        foreach (var pod in pods)
        {
            var metrics = source.Get(pod.Namespace()!, pod.Name()!);
            if (metrics is null)
            {
                continue;
            }

            foreach (var c in (metrics["containers"] as JsonArray ?? []).OfType<JsonObject>().Where(c => container is null || c["name"]?.ToString() == container))
            {
                usage += Quantity(c["usage"]?[resource]);
            }

            foreach (var c in (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().Where(c => container is null || c["name"]?.ToString() == container))
            {
                var request = c["resources"]?["requests"]?[resource];
                if (utilization && request is null)
                {
                    return MetricProposal.Failed(description, reason,
                        $"the HPA was unable to compute the replica count: failed to get {resource} utilization: missing request for {resource} in container {c["name"]} of Pod {pod.Name()}");
                }

                requests += Quantity(request);
            }

            counted++;
        }

        if (counted == 0)
        {
            return MetricProposal.Failed(description, reason,
                $"the HPA was unable to compute the replica count: failed to get {resource} utilization: unable to get metrics for resource {resource}: no metrics returned from resource metrics API");
        }

        var average = usage / counted;
        var averageValue = new ResourceQuantity(resource == "cpu" ? $"{(int)Math.Round(average * 1000)}m" : $"{(long)Math.Round(average)}");
        if (utilization)
        {
            var percent = requests == 0 ? 0 : (int)(usage * 100 / requests);
            var ratio = (double)percent / (target.AverageUtilization ?? 80);
            var status = Status(resource, container, new V2MetricValueStatus { AverageUtilization = percent, AverageValue = averageValue });
            return new MetricProposal(HpaAlgorithm.Proposal(ratio, counted, current, tolerance), status, description);
        }

        var targetValue = target.AverageValue?.ToDecimal() ?? target.Value?.ToDecimal() ?? 0;
        var valueRatio = targetValue == 0 ? 1 : (double)(average / targetValue);
        return new MetricProposal(HpaAlgorithm.Proposal(valueRatio, counted, current, tolerance),
            Status(resource, container, new V2MetricValueStatus { AverageValue = averageValue }), description);
    }

    private static V2MetricStatus Status(string resource, string? container, V2MetricValueStatus current) => container is null
        ? new V2MetricStatus { Type = "Resource", Resource = new V2ResourceMetricStatus { Name = resource, Current = current } }
        : new V2MetricStatus { Type = "ContainerResource", ContainerResource = new V2ContainerResourceMetricStatus { Name = resource, Container = container, Current = current } };

    private static decimal Quantity(JsonNode? node) => node is null ? 0 : new ResourceQuantity(node.ToString()).ToDecimal();
}
