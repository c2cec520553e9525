using System.Text;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.Controllers;

/// <summary>
/// Simulates the Deployment + ReplicaSet controllers and the kubelet in one step: each Deployment gets exactly
/// spec.replicas Running, Ready pods from its current template. Pods are owned by the Deployment directly (no
/// ReplicaSet kind is served). A template change replaces all pods at once.
/// </summary>
internal sealed class DeploymentController(ResourceStore store, Func<JsonObject, string?>? addressProvider, ILogger logger)
    : SimulatedController(store, logger, "Deployment", "Pod")
{
    /// <summary>Pod template annotation: the podIP to give every pod of this Deployment (e.g. a loopback address).</summary>
    public const string SimAddressAnnotation = "kong-dashboard.io/sim-address";

    public static readonly string[] Nodes = ["sim-node-1", "sim-node-2", "sim-node-3"];

    protected override void Reconcile()
    {
        var deployments = Store.List("Deployment");
        var pods = Store.List("Pod").ToList();
        var usedIps = pods.Select(p => p["status"]?["podIP"]?.ToString()).Where(ip => ip is not null).ToHashSet();
        var deploymentUids = deployments.Select(d => d.Uid()).ToHashSet();

        foreach (var pod in pods.Where(p => OwnerUid(p) is { } uid && !deploymentUids.Contains(uid)))
        {
            DeleteIgnoringMissing(pod);
        }

        foreach (var deployment in deployments)
        {
            // A Deployment being deleted is left to the garbage collector (orphan keeps its pods, foreground removes them).
            if (deployment.Metadata()["deletionTimestamp"] is not null)
            {
                continue;
            }

            var ns = deployment.Namespace()!;
            var template = deployment["spec"]?["template"] as JsonObject ?? new JsonObject();
            var hash = TemplateHash(template);
            var owned = pods.Where(p => OwnerUid(p) == deployment.Uid()).ToList();
            var current = owned.Where(p => p.Labels()?["pod-template-hash"]?.ToString() == hash).ToList();
            foreach (var stale in owned.Except(current))
            {
                DeleteIgnoringMissing(stale);
            }

            var desired = deployment["spec"]?["replicas"].AsInt() ?? 1;
            while (current.Count < desired)
            {
                var pod = Store.Create("Pod", ns, NewPod(deployment, template, hash, pods, usedIps));
                current.Add(pod);
                pods.Add(pod);
            }
            foreach (var extra in current.OrderByDescending(p => p.CreationTimestamp()).ThenByDescending(p => p.Name()).Take(current.Count - desired).ToList())
            {
                DeleteIgnoringMissing(extra);
                current.Remove(extra);
            }
            UpdateStatus(deployment, current.Count);
        }
    }

    private void UpdateStatus(JsonObject deployment, int replicas)
    {
        var old = deployment["status"] as JsonObject;
        var now = ObjectMeta.Timestamp(DateTimeOffset.UtcNow);
        JsonObject Condition(string type, string reason, string message)
        {
            var existing = (old?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == type);
            return new JsonObject
            {
                ["type"] = type,
                ["status"] = "True",
                ["lastUpdateTime"] = existing?["lastUpdateTime"]?.ToString() ?? now,
                ["lastTransitionTime"] = existing?["lastTransitionTime"]?.ToString() ?? now,
                ["reason"] = reason,
                ["message"] = message,
            };
        }
        var status = new JsonObject
        {
            ["observedGeneration"] = deployment.Metadata()["generation"].AsLong() ?? 1,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = replicas,
            ["availableReplicas"] = replicas,
            ["conditions"] = new JsonArray(
                Condition("Available", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                Condition("Progressing", "NewReplicaSetAvailable", $"ReplicaSet \"{deployment.Name()}\" has successfully progressed.")),
        };
        if (replicas == 0)
        {
            status.Remove("readyReplicas");
            status.Remove("availableReplicas");
        }
        if (JsonNode.DeepEquals(status, old))
        {
            return;
        }

        deployment["status"] = status;
        Store.UpdateStatus("Deployment", deployment.Namespace(), deployment.Name()!, deployment);
    }

    private JsonObject NewPod(JsonObject deployment, JsonObject template, string hash, IReadOnlyList<JsonObject> pods, HashSet<string?> usedIps)
    {
        var templateMeta = template["metadata"] as JsonObject;
        var labels = (templateMeta?["labels"]?.DeepClone() as JsonObject) ?? new JsonObject();
        labels["pod-template-hash"] = hash;
        var spec = (template["spec"]?.DeepClone() as JsonObject) ?? new JsonObject();
        var node = Nodes.OrderBy(n => pods.Count(p => p["spec"]?["nodeName"]?.ToString() == n)).First();
        spec["nodeName"] = node;
        spec["restartPolicy"] ??= "Always";
        spec["schedulerName"] ??= "default-scheduler";
        spec["terminationGracePeriodSeconds"] ??= 30;

        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{deployment.Name()}-{hash}-{ResourceStore.NewSuffix(5)}",
                ["namespace"] = deployment.Namespace(),
                ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "Deployment",
                    ["name"] = deployment.Name(),
                    ["uid"] = deployment.Uid(),
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = spec,
        };
        if (templateMeta?["annotations"] is JsonObject annotations)
        {
            pod.Metadata()["annotations"] = annotations.DeepClone();
        }

        var ip = addressProvider?.Invoke(pod) ?? SimAddress(templateMeta) ?? AllocateIp(node, usedIps);
        usedIps.Add(ip);
        pod["status"] = RunningStatus(spec, node, ip);
        return pod;
    }

    private static string? SimAddress(JsonObject? templateMeta) => templateMeta?["annotations"]?[SimAddressAnnotation]?.ToString();

    private static JsonObject RunningStatus(JsonObject spec, string node, string ip)
    {
        var now = ObjectMeta.Timestamp(DateTimeOffset.UtcNow);
        JsonObject Condition(string type) => new() { ["type"] = type, ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = now };
        var nodeIndex = Array.IndexOf(Nodes, node) + 1;
        return new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(Condition("PodReadyToStartContainers"), Condition("Initialized"), Condition("Ready"),
                Condition("ContainersReady"), Condition("PodScheduled")),
            ["hostIP"] = $"172.18.0.{nodeIndex + 1}",
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = $"172.18.0.{nodeIndex + 1}" }),
            ["podIP"] = ip,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip }),
            ["startTime"] = now,
            ["qosClass"] = "Burstable",
            ["containerStatuses"] = new JsonArray((spec["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c["name"]?.ToString(),
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
                ["lastState"] = new JsonObject(),
                ["ready"] = true,
                ["restartCount"] = 0,
                ["image"] = c["image"]?.ToString(),
                ["imageID"] = $"docker.io/library/{c["image"]}@sha256:{new string('0', 64)}",
                ["containerID"] = $"containerd://{Guid.NewGuid():N}{Guid.NewGuid():N}",
                ["started"] = true,
            }).ToArray()),
        };
    }

    private static string AllocateIp(string node, HashSet<string?> usedIps)
    {
        var subnet = Array.IndexOf(Nodes, node) + 1;
        for (var host = 2; ; host++)
        {
            var ip = $"10.244.{subnet + host / 250}.{host % 250 + 1}";
            if (!usedIps.Contains(ip))
            {
                return ip;
            }
        }
    }

    private static string? OwnerUid(JsonObject pod) =>
        (pod.Metadata()["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(o => o["kind"]?.ToString() == "Deployment")?["uid"]?.ToString();

    private void DeleteIgnoringMissing(JsonObject pod)
    {
        if (Store.TryGet("Pod", pod.Namespace(), pod.Name()!) is not null)
        {
            Store.Delete("Pod", pod.Namespace(), pod.Name()!);
        }
    }

    /// <summary>Stable 10-character hash of the pod template, in the alphabet Kubernetes uses for names.</summary>
    internal static string TemplateHash(JsonObject template)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(template.ToJsonString()))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(hash % (ulong)alphabet.Length)];
            hash /= (ulong)alphabet.Length;
        }
        return new string(chars);
    }
}
