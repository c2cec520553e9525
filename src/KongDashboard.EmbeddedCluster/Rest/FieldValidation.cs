using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;
using KongDashboard.EmbeddedCluster.Store.Validation;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>
/// The <c>fieldValidation</c> query parameter (apiserver endpoints/handlers/rest.go:246-257, 410-447; create.go:109-141):
/// unknown fields are dropped in every mode; Strict answers 400 with the strict-decoding message, Warn (the default
/// when absent) adds a <c>Warning: 299</c> header per field, Ignore says nothing. Known fields come from a small schema
/// of the kinds that matter (object and metadata fields of every built-in kind, Ingress and Service specs in depth)
/// and, for custom resources, from their CRD's OpenAPI schema (Crds/).
/// </summary>
internal static class FieldValidation
{
    private static readonly string[] Directives = ["", "Ignore", "Strict", "Warn"];

    private static readonly HashSet<string> Meta =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    private static readonly HashSet<string> Backend = ["service", "resource"];

    /// <summary>Known fields per (kind, path without indexes); a path absent here is not checked.</summary>
    private static readonly Dictionary<(string Kind, string Path), HashSet<string>> Known = new()
    {
        [("Ingress", "")] = ["apiVersion", "kind", "metadata", "spec", "status"],
        [("Ingress", "spec")] = ["ingressClassName", "defaultBackend", "tls", "rules"],
        [("Ingress", "spec.defaultBackend")] = Backend,
        [("Ingress", "spec.tls")] = ["hosts", "secretName"],
        [("Ingress", "spec.rules")] = ["host", "http"],
        [("Ingress", "spec.rules.http")] = ["paths"],
        [("Ingress", "spec.rules.http.paths")] = ["path", "pathType", "backend"],
        [("Ingress", "spec.rules.http.paths.backend")] = Backend,
        [("Ingress", "spec.rules.http.paths.backend.service")] = ["name", "port"],
        [("Ingress", "spec.rules.http.paths.backend.service.port")] = ["name", "number"],
        [("Ingress", "spec.defaultBackend.service")] = ["name", "port"],
        [("Ingress", "spec.defaultBackend.service.port")] = ["name", "number"],
        [("Service", "")] = ["apiVersion", "kind", "metadata", "spec", "status"],
        [("Service", "spec")] =
        [
            "ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs", "sessionAffinity", "loadBalancerIP",
            "loadBalancerSourceRanges", "externalName", "externalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses",
            "sessionAffinityConfig", "ipFamilies", "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
            "internalTrafficPolicy", "trafficDistribution",
        ],
        [("Service", "spec.ports")] = ["name", "protocol", "appProtocol", "port", "targetPort", "nodePort"],
        [("ConfigMap", "")] = ["apiVersion", "kind", "metadata", "data", "binaryData", "immutable"],
        [("Secret", "")] = ["apiVersion", "kind", "metadata", "data", "stringData", "type", "immutable"],
        [("EndpointSlice", "")] = ["apiVersion", "kind", "metadata", "addressType", "endpoints", "ports"],
        [("Lease", "")] = ["apiVersion", "kind", "metadata", "spec"],
        [("Lease", "spec")] =
        [
            "holderIdentity", "leaseDurationSeconds", "acquireTime", "renewTime", "leaseTransitions", "strategy", "preferredHolder",
        ],
        [("IngressClass", "")] = ["apiVersion", "kind", "metadata", "spec"],
        [("Namespace", "")] = ["apiVersion", "kind", "metadata", "spec", "status"],
        [("Pod", "")] = ["apiVersion", "kind", "metadata", "spec", "status"],
        [("Deployment", "")] = ["apiVersion", "kind", "metadata", "spec", "status"],
        [("HorizontalPodAutoscaler", "")] = ["apiVersion", "kind", "metadata", "spec", "status"],
    };

    /// <summary>Reads and checks the directive: 422 on an unknown one (CreateOptions/UpdateOptions/PatchOptions).</summary>
    public static string Directive(HttpRequest request)
    {
        var value = request.Query["fieldValidation"].ToString();
        if (Directives.Contains(value))
        {
            return value.Length == 0 ? "Warn" : value;
        }

        var options = request.Method switch { "POST" => "CreateOptions", "PUT" => "UpdateOptions", _ => "PatchOptions" };
        throw ApiException.Invalid($"{options}.meta.k8s.io", "", [FieldError.NotSupported("fieldValidation", value, Directives)]);
    }

    /// <summary>Drops unknown fields from <paramref name="body"/> and applies the directive to what was found.</summary>
    public static void Apply(HttpContext context, ResourceKind kind, JsonNode body)
    {
        var directive = Directive(context.Request);
        if (body is not JsonObject obj)
        {
            return;
        }

        var unknown = new List<string>();
        if (!kind.Custom)
        {
            Walk(kind.Kind, obj, "", "", unknown);
        }
        else if (Crds.CrdSchemas.For(kind) is { } schema)
        {
            // Custom resources: pruned against the CRD's structural schema, reported like built-ins.
            unknown.AddRange(Crds.CrdUnknownFields.Prune(schema, obj, Meta));
        }
        if (unknown.Count == 0)
        {
            return;
        }

        switch (directive)
        {
            case "Strict":
                throw ApiException.BadRequest(
                    $"{kind.Kind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: strict decoding error: {string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""))}");
            case "Warn":
                foreach (var field in unknown)
                {
                    context.Response.Headers.Append("Warning", $"299 - \"unknown field \\\"{field}\\\"\"");
                }

                break;
        }
    }

    private static void Walk(string kind, JsonObject obj, string schemaPath, string printedPath, List<string> unknown)
    {
        var known = schemaPath == "metadata" ? Meta : Known.GetValueOrDefault((kind, schemaPath));
        if (known is null)
        {
            return;
        }

        foreach (var (name, value) in obj.ToList())
        {
            var childSchema = schemaPath.Length == 0 ? name : $"{schemaPath}.{name}";
            var childPrinted = printedPath.Length == 0 ? name : $"{printedPath}.{name}";
            // Strategic-merge directives ($patch, $setElementOrder/…, $retainKeys) are not fields.
            if (name.StartsWith('$'))
            {
                continue;
            }

            if (!known.Contains(name))
            {
                unknown.Add(childPrinted);
                obj.Remove(name);
                continue;
            }
            switch (value)
            {
                case JsonObject child:
                    Walk(kind, child, childSchema, childPrinted, unknown);
                    break;
                case JsonArray items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is JsonObject item)
                        {
                            Walk(kind, item, childSchema, $"{childPrinted}[{i}]", unknown);
                        }
                    }

                    break;
            }
        }
    }
}
