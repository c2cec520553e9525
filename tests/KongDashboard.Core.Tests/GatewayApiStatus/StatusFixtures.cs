using KongDashboard.Core.Cluster;
using KongDashboard.Core.GatewayApiStatus;
using KongDashboard.Core.Kubernetes;

namespace KongDashboard.Core.Tests.GatewayApiStatus;

/// <summary>YAML building blocks: a controlled unmanaged class, the Kong proxy Service, Gateways and routes.</summary>
internal static class StatusFixtures
{
    public static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public static readonly StatusSettings Settings = new() { PublishService = "kong/kong-proxy" };

    public const string Classes = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: kong
          generation: 2
          annotations:
            konghq.com/gatewayclass-unmanaged: "true"
        spec:
          controllerName: konghq.com/kic-gateway-controller
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: other
        spec:
          controllerName: example.com/other
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: kong-proxy
          namespace: kong
        spec:
          type: LoadBalancer
          clusterIP: 10.0.0.1
          ports:
          - name: proxy
            port: 80
          - name: proxy-ssl
            port: 443
          - name: stream-tcp
            port: 9000
          - name: stream-udp
            port: 9001
            protocol: UDP
        status:
          loadBalancer:
            ingress:
            - ip: 192.0.2.10
            - hostname: lb.example.com
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: default
        spec:
          ports:
          - port: 80
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: default
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: other
        """;

    public static string Gateway(string listeners, string name = "gw", string extraMeta = "") => $"""
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: {name}
          namespace: default
          generation: 3
          annotations:
            konghq.com/publish-service: kong/kong-proxy
        {extraMeta}
        spec:
          gatewayClassName: kong
          listeners:
        {listeners}
        """;

    public const string HttpListener = """
          - name: http
            port: 80
            protocol: HTTP
        """;

    public static string HttpRoute(string parentRefs, string name = "route", string ns = "default", string hostnames = "", string backends = "    - name: web\n      port: 80", string status = "") => $"""
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: {name}
          namespace: {ns}
          generation: 5
        spec:
          {hostnames}
          parentRefs:
        {parentRefs}
          rules:
          - backendRefs:
        {backends}
        {status}
        """;

    public static ClusterSnapshot Snapshot(params string[] parts) =>
        ManifestLoader.LoadText(Classes + string.Concat(parts.Select(p => "\n" + p)), "test").ToSnapshot(out _);
}
