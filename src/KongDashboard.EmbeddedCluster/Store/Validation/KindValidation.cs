using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store.Validation;

/// <summary>
/// The type-specific rules of the kinds a controller touches (kubernetes pkg/apis/{core,discovery,coordination}/validation,
/// real-systems.md B5.4), and the entry point that runs ObjectMeta plus type rules.
/// </summary>
internal static class KindValidation
{
    private static readonly string[] AddressTypes = ["FQDN", "IPv4", "IPv6"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    /// <summary>All errors of an object about to be stored; <paramref name="old"/> is null on create.</summary>
    public static List<FieldError> Validate(ResourceKind kind, JsonObject obj, JsonObject? old)
    {
        var errors = new List<FieldError>();
        // create.go runs the type's strategy first (which starts with ObjectMeta), update.go the same.
        if (old is null)
        {
            ObjectMetaValidation.ValidateCreate(kind, obj.Metadata(), errors);
        }
        else
        {
            ObjectMetaValidation.ValidateCommon(kind, obj.Metadata(), errors);
            ObjectMetaValidation.ValidateUpdate(obj.Metadata(), old.Metadata(), errors);
        }
        switch (kind.Kind)
        {
            case "Ingress":
                IngressValidation.Validate(obj, old, errors);
                break;
            case "Service":
                ValidateService(obj, old, errors);
                break;
            case "EndpointSlice":
                ValidateEndpointSlice(obj, old, errors);
                break;
            case "Lease":
                ValidateLease(obj, errors);
                break;
            case "ConfigMap":
                ValidateDataKeys(obj, "data", errors);
                ValidateDataKeys(obj, "binaryData", errors);
                break;
            case "Secret":
                ValidateDataKeys(obj, "data", errors);
                ValidateDataKeys(obj, "stringData", errors);
                break;
        }
        return errors;
    }

    private static void ValidateDataKeys(JsonObject obj, string field, List<FieldError> errors)
    {
        if (obj[field] is not JsonObject data)
        {
            return;
        }

        foreach (var key in data.Select(p => p.Key).Order(StringComparer.Ordinal))
        {
            errors.AddRange(NameRules.IsConfigMapKey(key).Select(m => FieldError.Invalid($"{field}[{key}]", key, m)));
        }
    }

    private static void ValidateService(JsonObject service, JsonObject? old, List<FieldError> errors)
    {
        var spec = service["spec"] as JsonObject ?? [];
        var type = spec["type"]?.ToString() ?? "ClusterIP";
        var clusterIp = spec["clusterIP"]?.ToString();
        var ports = spec["ports"] as JsonArray;
        var headless = clusterIp == "None";
        if ((ports is null || ports.Count == 0) && !headless && type != "ExternalName")
        {
            errors.Add(FieldError.Required("spec.ports"));
        }

        if (headless && type is "NodePort" or "LoadBalancer")
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs[0]", clusterIp, $"may not be set to 'None' for {type} services"));
        }

        var names = new HashSet<string>();
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            if (ports![i] is not JsonObject port)
            {
                continue;
            }

            var path = $"spec.ports[{i}]";
            var name = port["name"]?.ToString() ?? "";
            if (ports.Count > 1 && name.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.name"));
            }
            else if (name.Length > 0)
            {
                errors.AddRange(NameRules.IsDns1123Label(name).Select(m => FieldError.Invalid($"{path}.name", name, m)));
                if (!names.Add(name))
                {
                    errors.Add(FieldError.Duplicate($"{path}.name", name));
                }
            }
            var number = port["port"].AsLong() ?? 0;
            errors.AddRange(NameRules.IsValidPortNum(number).Select(m => FieldError.Invalid($"{path}.port", number, m)));
            var protocol = port["protocol"]?.ToString() ?? "TCP";
            if (!Protocols.Contains(protocol))
            {
                errors.Add(FieldError.NotSupported($"{path}.protocol", protocol, Protocols));
            }
        }

        // ValidateServiceUpdate: an allocated cluster IP may not change (observed: "may not change once set").
        var oldIp = (old?["spec"] as JsonObject)?["clusterIP"]?.ToString();
        if (old is not null && !string.IsNullOrEmpty(oldIp) && clusterIp != oldIp)
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs[0]", new[] { clusterIp ?? "" }, "may not change once set"));
        }
    }

    private static void ValidateEndpointSlice(JsonObject slice, JsonObject? old, List<FieldError> errors)
    {
        var addressType = slice["addressType"]?.ToString();
        if (string.IsNullOrEmpty(addressType))
        {
            errors.Add(FieldError.Required("addressType"));
        }
        else if (!AddressTypes.Contains(addressType))
        {
            errors.Add(FieldError.NotSupported("addressType", addressType, AddressTypes));
        }

        if (old is not null && old["addressType"]?.ToString() is { } oldType && oldType != addressType)
        {
            errors.Add(FieldError.Invalid("addressType", addressType, "field is immutable"));
        }

        var endpoints = slice["endpoints"] as JsonArray ?? [];
        if (endpoints.Count > 1000)
        {
            errors.Add(FieldError.TooMany("endpoints", endpoints.Count, 1000));
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            if (endpoints[i] is not JsonObject endpoint)
            {
                continue;
            }

            var addresses = endpoint["addresses"] as JsonArray ?? [];
            if (addresses.Count == 0)
            {
                errors.Add(FieldError.Required($"endpoints[{i}].addresses", "must contain at least 1 address"));
            }
            else if (addresses.Count > 100)
            {
                errors.Add(FieldError.TooMany($"endpoints[{i}].addresses", addresses.Count, 100));
            }

            for (var j = 0; j < addresses.Count; j++)
            {
                var address = addresses[j]?.ToString() ?? "";
                var family = addressType switch { "IPv4" => AddressFamily.InterNetwork, "IPv6" => AddressFamily.InterNetworkV6, _ => (AddressFamily?)null };
                if (family is null)
                {
                    continue;
                }

                if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != family)
                {
                    errors.Add(FieldError.Invalid($"endpoints[{i}].addresses[{j}]", address,
                        family == AddressFamily.InterNetwork ? "must be a valid IPv4 address" : "must be a valid IPv6 address"));
                }
            }
            if (endpoint["hostname"]?.ToString() is { Length: > 0 } hostname)
            {
                errors.AddRange(NameRules.IsDns1123Label(hostname).Select(m => FieldError.Invalid($"endpoints[{i}].hostname", hostname, m)));
            }
        }

        var ports = slice["ports"] as JsonArray ?? [];
        if (ports.Count > 100)
        {
            errors.Add(FieldError.TooMany("ports", ports.Count, 100));
        }

        var names = new HashSet<string>();
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i] is not JsonObject port)
            {
                continue;
            }

            var name = port["name"]?.ToString() ?? "";
            if (name.Length > 0)
            {
                errors.AddRange(NameRules.IsDns1123Label(name).Select(m => FieldError.Invalid($"ports[{i}].name", name, m)));
            }

            if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate($"ports[{i}].name", name));
            }

            var protocol = port["protocol"]?.ToString();
            if (protocol is null)
            {
                errors.Add(FieldError.Required($"ports[{i}].protocol"));
            }
            else if (!Protocols.Contains(protocol))
            {
                errors.Add(FieldError.NotSupported($"ports[{i}].protocol", protocol, Protocols));
            }

            if (port["appProtocol"]?.ToString() is { Length: > 0 } appProtocol)
            {
                errors.AddRange(NameRules.IsQualifiedName(appProtocol).Select(m => FieldError.Invalid($"ports[{i}].appProtocol", appProtocol, m)));
            }
        }
    }

    private static void ValidateLease(JsonObject lease, List<FieldError> errors)
    {
        var spec = lease["spec"] as JsonObject ?? [];
        if (spec["leaseDurationSeconds"].AsLong() is { } duration && duration <= 0)
        {
            errors.Add(FieldError.Invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
        }

        if (spec["leaseTransitions"].AsLong() is { } transitions && transitions < 0)
        {
            errors.Add(FieldError.Invalid("spec.leaseTransitions", transitions, "must be greater than or equal to 0"));
        }
    }
}
