using System.Net;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store.Validation;

/// <summary>
/// networking.k8s.io/v1 Ingress (kubernetes pkg/apis/networking/validation/validation.go: ValidateIngressSpec,
/// validateIngressRules, validateHTTPIngressPath, validateIngressBackend, validateIngressTLS). No defaulting:
/// pathType is required.
/// </summary>
internal static class IngressValidation
{
    private static readonly string[] InvalidPathSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidPathSuffixes = ["/..", "/."];

    public static void Validate(JsonObject ingress, JsonObject? old, List<FieldError> errors)
    {
        var spec = ingress["spec"] as JsonObject ?? [];
        var rules = spec["rules"] as JsonArray;
        if (spec["defaultBackend"] is null && (rules is null || rules.Count == 0))
        {
            errors.Add(FieldError.Invalid("spec", new RawValue(rules is null ? "[]networking.IngressRule(nil)" : "[]networking.IngressRule{}"),
                "either `defaultBackend` or `rules` must be specified"));
        }

        if (spec["defaultBackend"] is JsonObject defaultBackend)
        {
            ValidateBackend(defaultBackend, "spec.defaultBackend", errors);
        }

        if (spec["ingressClassName"]?.ToString() is { } className)
        {
            errors.AddRange(NameRules.IsDns1123Subdomain(className).Select(m => FieldError.Invalid("spec.ingressClassName", className, m)));
            var annotation = ingress.Annotations()?["kubernetes.io/ingress.class"]?.ToString();
            if (old is null && annotation is not null && annotation != className)
            {
                errors.Add(FieldError.Invalid("annotations.kubernetes.io/ingress.class", annotation, "must match `ingressClassName` when both are specified"));
            }
        }

        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            if (rules![i] is JsonObject rule)
            {
                ValidateRule(rule, $"spec.rules[{i}]", errors);
            }
        }

        if (spec["tls"] is JsonArray tls)
        {
            for (var i = 0; i < tls.Count; i++)
            {
                if (tls[i] is not JsonObject entry)
                {
                    continue;
                }

                var hosts = entry["hosts"] as JsonArray ?? [];
                for (var j = 0; j < hosts.Count; j++)
                {
                    var host = hosts[j]?.ToString() ?? "";
                    var messages = host.Contains('*') ? NameRules.IsWildcardDns1123Subdomain(host) : NameRules.IsDns1123Subdomain(host);
                    errors.AddRange(messages.Select(m => FieldError.Invalid($"spec.tls[{i}].hosts[{j}]", host, m)));
                }
                if (entry["secretName"]?.ToString() is { Length: > 0 } secret)
                {
                    errors.AddRange(NameRules.IsDns1123Subdomain(secret).Select(m => FieldError.Invalid($"spec.tls[{i}].secretName", secret, m)));
                }
            }
        }
    }

    private static void ValidateRule(JsonObject rule, string path, List<FieldError> errors)
    {
        if (rule["host"]?.ToString() is { Length: > 0 } host)
        {
            if (IPAddress.TryParse(host, out _) && host.Contains('.') | host.Contains(':'))
            {
                errors.Add(FieldError.Invalid($"{path}.host", host, "must be a DNS name, not an IP address"));
            }
            else
            {
                var messages = host.Contains('*') ? NameRules.IsWildcardDns1123Subdomain(host) : NameRules.IsDns1123Subdomain(host);
                errors.AddRange(messages.Select(m => FieldError.Invalid($"{path}.host", host, m)));
            }
        }
        if (rule["http"] is not JsonObject http)
        {
            return;
        }

        if (http["paths"] is not JsonArray { Count: > 0 } paths)
        {
            errors.Add(FieldError.Required($"{path}.http.paths"));
            return;
        }
        for (var j = 0; j < paths.Count; j++)
        {
            if (paths[j] is JsonObject p)
            {
                ValidatePath(p, $"{path}.http.paths[{j}]", errors);
            }
        }
    }

    private static void ValidatePath(JsonObject httpPath, string path, List<FieldError> errors)
    {
        var pathType = httpPath["pathType"]?.ToString();
        if (pathType is null)
        {
            errors.Add(FieldError.Required($"{path}.pathType", "pathType must be specified"));
            return;
        }
        var value = httpPath["path"]?.ToString() ?? "";
        switch (pathType)
        {
            case "Exact" or "Prefix":
                if (!value.StartsWith('/'))
                {
                    errors.Add(FieldError.Invalid($"{path}.path", value, "must be an absolute path"));
                }

                foreach (var sequence in InvalidPathSequences.Where(s => value.Contains(s, StringComparison.Ordinal)))
                {
                    errors.Add(FieldError.Invalid($"{path}.path", value, $"must not contain '{sequence}'"));
                }

                foreach (var suffix in InvalidPathSuffixes.Where(s => value.EndsWith(s, StringComparison.Ordinal)))
                {
                    errors.Add(FieldError.Invalid($"{path}.path", value, $"cannot end with '{suffix}'"));
                }

                break;
            case "ImplementationSpecific":
                if (value.Length > 0 && !value.StartsWith('/'))
                {
                    errors.Add(FieldError.Invalid($"{path}.path", value, "must be an absolute path"));
                }

                break;
            default:
                errors.Add(FieldError.NotSupported($"{path}.pathType", pathType, "Exact", "ImplementationSpecific", "Prefix"));
                break;
        }
        ValidateBackend(httpPath["backend"] as JsonObject ?? [], $"{path}.backend", errors);
    }

    private static void ValidateBackend(JsonObject backend, string path, List<FieldError> errors)
    {
        var service = backend["service"] as JsonObject;
        var resource = backend["resource"] as JsonObject;
        if (service is not null && resource is not null)
        {
            errors.Add(FieldError.Invalid(path, "", "cannot set both resource and service backends"));
            return;
        }
        if (resource is not null)
        {
            foreach (var field in new[] { "kind", "name" })
            {
                var v = resource[field]?.ToString();
                if (string.IsNullOrEmpty(v))
                {
                    errors.Add(FieldError.Required($"{path}.resource.{field}"));
                }
                else
                {
                    errors.AddRange(NameRules.IsValidPathSegmentName(v).Select(m => FieldError.Invalid($"{path}.resource.{field}", v, m)));
                }
            }
            if (resource["apiGroup"]?.ToString() is { Length: > 0 } group)
            {
                errors.AddRange(NameRules.IsDns1123Subdomain(group).Select(m => FieldError.Invalid($"{path}.resource.apiGroup", group, m)));
            }

            return;
        }
        if (service is null)
        {
            errors.Add(FieldError.Invalid(path, "", "resource or service backend is required"));
            return;
        }
        var name = service["name"]?.ToString();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(FieldError.Required($"{path}.service.name"));
        }
        else
        {
            errors.AddRange(NameRules.IsDns1035Label(name).Select(m => FieldError.Invalid($"{path}.service.name", name, m)));
        }

        var port = service["port"] as JsonObject;
        var portName = port?["name"]?.ToString();
        var portNumber = port?["number"].AsLong();
        var hasName = !string.IsNullOrEmpty(portName);
        var hasNumber = portNumber is not null and not 0;
        if (hasName && hasNumber)
        {
            errors.Add(FieldError.Invalid(path, "", "cannot set both port name & port number"));
        }
        else if (hasName)
        {
            errors.AddRange(NameRules.IsValidPortName(portName!).Select(m => FieldError.Invalid($"{path}.service.port.name", portName, m)));
        }
        else if (hasNumber)
        {
            errors.AddRange(NameRules.IsValidPortNum(portNumber!.Value).Select(m => FieldError.Invalid($"{path}.service.port.number", portNumber, m)));
        }
        else
        {
            errors.Add(FieldError.Required(path, "port name or number is required"));
        }
    }
}

/// <summary>A bad value printed as-is (Go-formatted values that are not strings or numbers).</summary>
internal sealed record RawValue(string Text)
{
    public override string ToString() => Text;
}
