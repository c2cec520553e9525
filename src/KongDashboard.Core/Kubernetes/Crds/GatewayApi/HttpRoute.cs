using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Kubernetes.Crds.GatewayApi;

/// <summary>gateway.networking.k8s.io/v1 HTTPRoute.</summary>
[KubernetesEntity(Group = "gateway.networking.k8s.io", ApiVersion = "v1", Kind = "HTTPRoute", PluralName = "httproutes")]
public class HttpRoute : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "HTTPRoute";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public HttpRouteSpec? Spec { get; set; }
    [JsonPropertyName("status")] public RouteStatus? Status { get; set; }
}

public class HttpRouteSpec : CommonRouteSpec
{
    [JsonPropertyName("hostnames")] public List<string>? Hostnames { get; set; }
    [JsonPropertyName("rules")] public List<HttpRouteRule>? Rules { get; set; }
}

public class HttpRouteRule
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("matches")] public List<HttpRouteMatch>? Matches { get; set; }
    [JsonPropertyName("filters")] public List<HttpRouteFilter>? Filters { get; set; }
    [JsonPropertyName("backendRefs")] public List<BackendRef>? BackendRefs { get; set; }
    [JsonPropertyName("timeouts")] public HttpRouteTimeouts? Timeouts { get; set; }
}

public class HttpRouteTimeouts
{
    [JsonPropertyName("request")] public string? Request { get; set; }
    [JsonPropertyName("backendRequest")] public string? BackendRequest { get; set; }
}

public class HttpRouteMatch
{
    [JsonPropertyName("path")] public HttpPathMatch? Path { get; set; }
    [JsonPropertyName("headers")] public List<HttpHeaderMatch>? Headers { get; set; }
    [JsonPropertyName("queryParams")] public List<HttpQueryParamMatch>? QueryParams { get; set; }
    [JsonPropertyName("method")] public string? Method { get; set; }
}

public class HttpPathMatch
{
    /// <summary>Exact, PathPrefix or RegularExpression (CRD default PathPrefix).</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

public class HttpHeaderMatch
{
    /// <summary>Exact or RegularExpression (CRD default Exact).</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("value")] public string Value { get; set; } = "";
}

public class HttpQueryParamMatch
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("value")] public string Value { get; set; } = "";
}

public class HttpRouteFilter
{
    /// <summary>RequestHeaderModifier, ResponseHeaderModifier, RequestMirror, RequestRedirect, URLRewrite, ExtensionRef.</summary>
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("requestHeaderModifier")] public HttpHeaderFilter? RequestHeaderModifier { get; set; }
    [JsonPropertyName("responseHeaderModifier")] public HttpHeaderFilter? ResponseHeaderModifier { get; set; }
    [JsonPropertyName("requestMirror")] public HttpRequestMirrorFilter? RequestMirror { get; set; }
    [JsonPropertyName("requestRedirect")] public HttpRequestRedirectFilter? RequestRedirect { get; set; }
    [JsonPropertyName("urlRewrite")] public HttpUrlRewriteFilter? UrlRewrite { get; set; }
    [JsonPropertyName("extensionRef")] public LocalObjectReference? ExtensionRef { get; set; }
}

public class HttpHeaderFilter
{
    [JsonPropertyName("set")] public List<HttpHeader>? Set { get; set; }
    [JsonPropertyName("add")] public List<HttpHeader>? Add { get; set; }
    [JsonPropertyName("remove")] public List<string>? Remove { get; set; }
}

public class HttpHeader
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("value")] public string Value { get; set; } = "";
}

public class HttpRequestMirrorFilter
{
    [JsonPropertyName("backendRef")] public BackendRef? BackendRef { get; set; }
}

public class HttpRequestRedirectFilter
{
    [JsonPropertyName("scheme")] public string? Scheme { get; set; }
    [JsonPropertyName("hostname")] public string? Hostname { get; set; }
    [JsonPropertyName("path")] public HttpPathModifier? Path { get; set; }
    [JsonPropertyName("port")] public int? Port { get; set; }
    [JsonPropertyName("statusCode")] public int? StatusCode { get; set; }
}

public class HttpUrlRewriteFilter
{
    [JsonPropertyName("hostname")] public string? Hostname { get; set; }
    [JsonPropertyName("path")] public HttpPathModifier? Path { get; set; }
}

public class HttpPathModifier
{
    /// <summary>ReplaceFullPath or ReplacePrefixMatch.</summary>
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("replaceFullPath")] public string? ReplaceFullPath { get; set; }
    [JsonPropertyName("replacePrefixMatch")] public string? ReplacePrefixMatch { get; set; }
}
