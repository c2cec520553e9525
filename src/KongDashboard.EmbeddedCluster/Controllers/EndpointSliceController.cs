using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.Controllers;

/// <summary>
/// Simulates the EndpointSlice controller: one IPv4 slice per Service with a selector, listing the matching pods'
/// podIPs (so changing a pod's status.podIP, e.g. to a loopback address, flows through to the slice). Slices of
/// Services without a selector are hand-written and left alone. Also keeps the legacy v1 Endpoints (`kubectl get ep`).
/// </summary>
internal sealed class EndpointSliceController(ResourceStore store, ILogger logger)
    : SimulatedController(store, logger, "Service", "Pod", "EndpointSlice", "Endpoints")
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    public const string ManagedBy = "endpointslice-controller.k8s.io";

    /// <summary>The real endpoints controller marks the Endpoints it owns with this label; we use it the same way.</summary>
    public const string SkipMirrorLabel = "endpointslice.kubernetes.io/skip-mirror";

    protected override void Reconcile()
    {
        var services = Store.List("Service");
        var pods = Store.List("Pod");
        var managed = Store.List("EndpointSlice", labelSelector: $"{ManagedByLabel}={ManagedBy}");
        var wanted = new HashSet<(string?, string?)>();

        foreach (var service in services)
        {
            if (service["spec"]?["selector"] is not JsonObject { Count: > 0 } selectorLabels)
            {
                continue;
            }

            var ns = service.Namespace();
            var selector = LabelSelector.FromMatchLabels(selectorLabels);
            var matching = pods.Where(p => p.Namespace() == ns && selector.Matches(p.Labels()) && p["status"]?["podIP"] is not null)
                .OrderBy(p => p.Name(), StringComparer.Ordinal).ToList();
            var desired = DesiredSlice(service, matching);
            wanted.Add((ns, desired.Name()));

            var existing = managed.FirstOrDefault(s => s.Namespace() == ns && s.Labels()?[ServiceNameLabel]?.ToString() == service.Name());
            if (existing is null)
            {
                Store.Create("EndpointSlice", ns, desired);
                wanted.Add((ns, desired.Name()));
            }
            else
            {
                wanted.Add((ns, existing.Name()));
                if (JsonNode.DeepEquals(existing["endpoints"], desired["endpoints"]) && JsonNode.DeepEquals(existing["ports"], desired["ports"]))
                {
                    continue;
                }

                existing["endpoints"] = desired["endpoints"]!.DeepClone();
                existing["ports"] = desired["ports"]!.DeepClone();
                Store.Replace("EndpointSlice", ns, existing.Name()!, existing);
            }
        }

        foreach (var orphan in managed.Where(s => !wanted.Contains((s.Namespace(), s.Name()))))
        {
            if (Store.TryGet("EndpointSlice", orphan.Namespace(), orphan.Name()!) is not null)
            {
                Store.Delete("EndpointSlice", orphan.Namespace(), orphan.Name()!);
            }
        }
        ReconcileLegacyEndpoints(services);
    }

    /// <summary>v1 Endpoints mirror the slices (same name as the Service), derived from the slices just written.</summary>
    private void ReconcileLegacyEndpoints(IReadOnlyList<JsonObject> services)
    {
        var slices = Store.List("EndpointSlice", labelSelector: $"{ManagedByLabel}={ManagedBy}");
        var owned = Store.List("Endpoints", labelSelector: $"{SkipMirrorLabel}=true");
        var wanted = new HashSet<(string?, string?)>();
        foreach (var service in services.Where(s => s["spec"]?["selector"] is JsonObject { Count: > 0 }))
        {
            var slice = slices.FirstOrDefault(s => s.Namespace() == service.Namespace() && s.Labels()?[ServiceNameLabel]?.ToString() == service.Name());
            if (slice is null)
            {
                continue;
            }

            wanted.Add((service.Namespace(), service.Name()));
            var addresses = new JsonArray((slice["endpoints"] as JsonArray ?? []).OfType<JsonObject>().Select(e =>
            {
                var address = new JsonObject { ["ip"] = e["addresses"]?[0]?.ToString(), ["targetRef"] = e["targetRef"]?.DeepClone() };
                if (e["nodeName"] is { } node)
                {
                    address["nodeName"] = node.ToString();
                }

                return (JsonNode)address;
            }).ToArray());
            var subsets = addresses.Count == 0 ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["addresses"] = addresses,
                ["ports"] = slice["ports"]?.DeepClone(),
            });
            var existing = owned.FirstOrDefault(e => e.Namespace() == service.Namespace() && e.Name() == service.Name());
            if (existing is null)
            {
                Store.Create("Endpoints", service.Namespace(), new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = service.Name(), ["labels"] = new JsonObject { [SkipMirrorLabel] = "true" } },
                    ["subsets"] = subsets,
                });
            }
            else if (!JsonNode.DeepEquals(existing["subsets"], subsets))
            {
                existing["subsets"] = subsets;
                Store.Replace("Endpoints", service.Namespace(), service.Name()!, existing);
            }
        }
        foreach (var orphan in owned.Where(e => !wanted.Contains((e.Namespace(), e.Name()))))
        {
            if (Store.TryGet("Endpoints", orphan.Namespace(), orphan.Name()!) is not null)
            {
                Store.Delete("Endpoints", orphan.Namespace(), orphan.Name()!);
            }
        }
    }

    private static JsonObject DesiredSlice(JsonObject service, List<JsonObject> pods)
    {
        var ports = new JsonArray();
        foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ports.Add(new JsonObject
            {
                ["name"] = port["name"]?.ToString() ?? "",
                ["port"] = ResolveTargetPort(port, pods),
                ["protocol"] = port["protocol"]?.ToString() ?? "TCP",
            });
        }
        var endpoints = new JsonArray(pods.Select(pod =>
        {
            var ready = (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
                .Any(c => c["type"]?.ToString() == "Ready" && c["status"]?.ToString() == "True");
            var terminating = pod.Metadata()["deletionTimestamp"] is not null;
            var endpoint = new JsonObject
            {
                ["addresses"] = new JsonArray(pod["status"]!["podIP"]!.ToString()),
                // A pod being deleted stays listed as terminating: serving as it is, never ready
                // (endpointslice utils podToEndpoint: ready = serving && !terminating).
                ["conditions"] = new JsonObject { ["ready"] = ready && !terminating, ["serving"] = ready, ["terminating"] = terminating },
                ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = pod.Namespace(), ["name"] = pod.Name(), ["uid"] = pod.Uid() },
            };
            if (pod["spec"]?["nodeName"] is { } node)
            {
                endpoint["nodeName"] = node.ToString();
            }

            return (JsonNode)endpoint;
        }).ToArray());

        return new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{service.Name()}-{StableSuffix(service.Uid() ?? service.Name()!)}",
                ["namespace"] = service.Namespace(),
                ["labels"] = new JsonObject { [ServiceNameLabel] = service.Name(), [ManagedByLabel] = ManagedBy },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Service",
                    ["name"] = service.Name(),
                    ["uid"] = service.Uid(),
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = endpoints,
            ["ports"] = ports,
        };
    }

    /// <summary>targetPort as a number: numeric as is, a name looked up in the pods' container ports, absent = port.</summary>
    private static int ResolveTargetPort(JsonObject servicePort, List<JsonObject> pods)
    {
        var target = servicePort["targetPort"];
        var port = servicePort["port"].AsInt() ?? 0;
        if (target is null)
        {
            return port;
        }

        if (int.TryParse(target.ToString(), out var number))
        {
            return number;
        }

        var named = pods.SelectMany(p => p["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(c => c["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(p => p["name"]?.ToString() == target.ToString());
        return named?["containerPort"].AsInt() ?? port;
    }

    private static string StableSuffix(string seed) => DeploymentController.TemplateHash(new JsonObject { ["seed"] = seed })[..5];
}
