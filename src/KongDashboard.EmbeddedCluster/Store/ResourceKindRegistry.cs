namespace KongDashboard.EmbeddedCluster;

/// <summary>The fixed set of kinds the embedded cluster serves.</summary>
public sealed class ResourceKindRegistry
{
    private static readonly string[] StatusOnly = ["status"];
    private static readonly string[] None = [];
    private static readonly string[] All = ["all"];
    private static readonly string[] Kong = ["kong-ingress-controller"];
    private static readonly string[] GatewayApi = ["gateway-api"];

    private readonly Dictionary<string, ResourceKind> _byKind = new(StringComparer.OrdinalIgnoreCase);

    public ResourceKindRegistry()
    {
        Add(new("", "v1", "Namespace", "namespaces", false, ["ns"], StatusOnly));
        Add(new("", "v1", "Service", "services", true, ["svc"], StatusOnly) { Categories = All });
        Add(new("", "v1", "Pod", "pods", true, ["po"], StatusOnly) { Categories = All });
        Add(new("", "v1", "Endpoints", "endpoints", true, ["ep"], None));
        Add(new("", "v1", "Secret", "secrets", true, None, None));
        Add(new("", "v1", "ConfigMap", "configmaps", true, ["cm"], None));
        Add(new("", "v1", "Event", "events", true, ["ev"], None));
        Add(new("networking.k8s.io", "v1", "Ingress", "ingresses", true, ["ing"], StatusOnly));
        Add(new("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, None, None));
        Add(new("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, None, None));
        Add(new("coordination.k8s.io", "v1", "Lease", "leases", true, None, None));
        Add(new("apps", "v1", "Deployment", "deployments", true, ["deploy"], ["status", "scale"]) { Categories = All });
        Add(new("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"], StatusOnly) { Categories = All });
        Add(new("configuration.konghq.com", "v1", "KongPlugin", "kongplugins", true, ["kp"], StatusOnly, Custom: true) { Categories = Kong });
        Add(new("configuration.konghq.com", "v1", "KongClusterPlugin", "kongclusterplugins", false, ["kcp"], StatusOnly, Custom: true) { Categories = Kong });
        Add(new("configuration.konghq.com", "v1", "KongConsumer", "kongconsumers", true, ["kc"], StatusOnly, Custom: true) { Categories = Kong });
        Add(new("configuration.konghq.com", "v1beta1", "KongUpstreamPolicy", "kongupstreampolicies", true, ["kup"], StatusOnly, Custom: true) { Categories = Kong });
        Add(new("configuration.konghq.com", "v1alpha1", "IngressClassParameters", "ingressclassparameterses", true, ["icp"], None, Custom: true) { Categories = Kong });
        // KIC 3.5's other CRDs (kubernetes-configuration v1.5.2 config/crd: names, scopes, short names, status subresource).
        Add(new("configuration.konghq.com", "v1", "KongIngress", "kongingresses", true, ["ki"], StatusOnly, Custom: true) { Categories = Kong });
        Add(new("configuration.konghq.com", "v1beta1", "TCPIngress", "tcpingresses", true, None, StatusOnly, Custom: true) { Categories = Kong });
        Add(new("configuration.konghq.com", "v1beta1", "UDPIngress", "udpingresses", true, None, StatusOnly, Custom: true) { Categories = Kong });
        Add(new("configuration.konghq.com", "v1beta1", "KongConsumerGroup", "kongconsumergroups", true, ["kcg"], StatusOnly, Custom: true) { Categories = Kong });
        Add(new("configuration.konghq.com", "v1alpha1", "KongVault", "kongvaults", false, ["kv"], StatusOnly, Custom: true) { Categories = Kong });
        Add(new("configuration.konghq.com", "v1alpha1", "KongCustomEntity", "kongcustomentities", true, ["kce"], StatusOnly, Custom: true) { Categories = Kong });
        Add(new("incubator.ingress-controller.konghq.com", "v1alpha1", "KongServiceFacade", "kongservicefacades", true, None, StatusOnly, Custom: true) { Categories = Kong });
        Add(new("gateway.networking.k8s.io", "v1", "GatewayClass", "gatewayclasses", false, ["gc"], StatusOnly, Custom: true) { Categories = GatewayApi });
        Add(new("gateway.networking.k8s.io", "v1", "Gateway", "gateways", true, ["gtw"], StatusOnly, Custom: true) { Categories = GatewayApi });
        Add(new("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true, None, StatusOnly, Custom: true) { Categories = GatewayApi });
        Add(new("gateway.networking.k8s.io", "v1", "GRPCRoute", "grpcroutes", true, None, StatusOnly, Custom: true) { Categories = GatewayApi });
        Add(new("gateway.networking.k8s.io", "v1alpha2", "TCPRoute", "tcproutes", true, None, StatusOnly, Custom: true) { Categories = GatewayApi });
        Add(new("gateway.networking.k8s.io", "v1alpha2", "UDPRoute", "udproutes", true, None, StatusOnly, Custom: true) { Categories = GatewayApi });
        Add(new("gateway.networking.k8s.io", "v1alpha2", "TLSRoute", "tlsroutes", true, None, StatusOnly, Custom: true) { Categories = GatewayApi });
        Add(new("gateway.networking.k8s.io", "v1beta1", "ReferenceGrant", "referencegrants", true, ["refgrant"], None, Custom: true) { Categories = GatewayApi });
        // Read-only metrics API; its items come from PodMetricsSource, not from the store.
        Add(new("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true, None, None, ReadOnly: true));
    }

    public IReadOnlyCollection<ResourceKind> Kinds => _byKind.Values;

    public ResourceKind this[string kind] => Find(kind) ?? throw new ArgumentException($"Unknown kind '{kind}'", nameof(kind));

    public ResourceKind? Find(string kind) => _byKind.GetValueOrDefault(kind);

    public ResourceKind? Find(string group, string version, string plural) =>
        _byKind.Values.FirstOrDefault(k => k.Group == group && k.Version == version && k.Plural == plural);

    /// <summary>Resolves an object's apiVersion + kind, as found in a body or a YAML document.</summary>
    public ResourceKind? FindByApiVersion(string apiVersion, string kind) =>
        _byKind.Values.FirstOrDefault(k => k.ApiVersion == apiVersion && k.Kind == kind);

    public IEnumerable<(string Group, string Version)> GroupVersions =>
        _byKind.Values.Select(k => (k.Group, k.Version)).Distinct();

    private void Add(ResourceKind kind) => _byKind.Add(kind.Kind, kind);
}
