using System.Text.Json.Serialization;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds.GatewayApi;

/// <summary>Names shared by the Gateway API kinds.</summary>
public static class GatewayApiGroup
{
    public const string Name = "gateway.networking.k8s.io";
}

/// <summary>
/// A route's reference to its parent (normally a Gateway). Every field is nullable: no CRD defaulting happens when
/// manifests are read offline, and KIC treats an unset field differently from one set to its default.
/// </summary>
public class ParentReference
{
    [JsonPropertyName("group")] public string? Group { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("sectionName")] public string? SectionName { get; set; }
    [JsonPropertyName("port")] public int? Port { get; set; }
}

/// <summary>A route rule's backend; <c>filters</c> only exist on HTTPRoute/GRPCRoute backendRefs.</summary>
public class BackendRef
{
    [JsonPropertyName("group")] public string? Group { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("port")] public int? Port { get; set; }
    [JsonPropertyName("weight")] public int? Weight { get; set; }
    [JsonPropertyName("filters")] public List<HttpRouteFilter>? Filters { get; set; }
}

/// <summary>Common spec of every route kind.</summary>
public class CommonRouteSpec
{
    [JsonPropertyName("parentRefs")] public List<ParentReference>? ParentRefs { get; set; }
}

/// <summary>Route status: one entry per parent a controller looked at.</summary>
public class RouteStatus
{
    [JsonPropertyName("parents")] public List<RouteParentStatus>? Parents { get; set; }
}

public class RouteParentStatus
{
    [JsonPropertyName("parentRef")] public ParentReference ParentRef { get; set; } = new();
    [JsonPropertyName("controllerName")] public string ControllerName { get; set; } = "";
    [JsonPropertyName("conditions")] public List<V1Condition>? Conditions { get; set; }
}

/// <summary>A group/kind pair (listener supportedKinds, allowedRoutes kinds).</summary>
public class RouteGroupKind
{
    [JsonPropertyName("group")] public string? Group { get; set; }
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
}

/// <summary>A reference to a Secret (or another kind) from a Gateway listener.</summary>
public class SecretObjectReference
{
    [JsonPropertyName("group")] public string? Group { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
}

/// <summary>A local object reference (ExtensionRef filters, GatewayClass parametersRef).</summary>
public class LocalObjectReference
{
    [JsonPropertyName("group")] public string Group { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
}
