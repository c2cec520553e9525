using KongDashboard.Core.Translation;
using static KongDashboard.Core.Tests.Translation.GatewayApi.GatewayApiYaml;

namespace KongDashboard.Core.Tests.Translation.GatewayApi;

/// <summary>TLSRoute, UDPRoute validation and GRPCRoute rules beyond the golden sample.</summary>
public class StreamAndGrpcRouteTests
{
    private static TranslationResult Translate(string yaml, bool expressions = false) =>
        new Translator(new TranslatorOptions { FeatureGates = FeatureGates.Default with { ExpressionRoutes = expressions } })
            .Translate(TranslationTestKit.Snapshot(yaml));

    private static string TlsRoute(string status = "") => """
        ---
        apiVersion: gateway.networking.k8s.io/v1alpha2
        kind: TLSRoute
        metadata: {name: tls, namespace: default}
        spec:
          parentRefs: [{name: gw}]
          hostnames: ["tls9443.kong.example", "*.wild.example"]
          rules:
          - name: r
            backendRefs: [{name: svc, kind: Service, port: 80}]
        """ + "\n" + status;

    [Fact]
    public void TlsRoute_SnisAndProtocol_PassthroughFromStatusParents()
    {
        var yaml = Service("svc") + Gateway("gw", "kong", "- {name: tls, protocol: TLS, port: 9443, tls: {mode: Passthrough}}");
        var route = Assert.Single(Assert.Single(Translate(yaml + TlsRoute()).Config.Services!).Routes!);
        Assert.Equal("tlsroute.default.tls.0.0", route.Name);
        Assert.Equal(["tls9443.kong.example", "*.wild.example"], route.Snis);
        Assert.Equal(["tls"], route.Protocols);
        Assert.Contains("k8s-named-route-rule:r", route.Tags!);

        const string status = """
            status:
              parents:
              - parentRef: {name: gw}
                controllerName: konghq.com/kic-gateway-controller
            """;
        Assert.Equal(["tls_passthrough"], Translate(yaml + TlsRoute(status)).Config.Services![0].Routes![0].Protocols);

        // Expressions: valid (non-wildcard) SNIs only, priority 1, no snis field.
        var expr = Translate(yaml + TlsRoute(), expressions: true).Config.Services![0].Routes![0];
        Assert.Equal("""tls.sni == "tls9443.kong.example" """.TrimEnd(), expr.Expression);
        Assert.Equal(1UL, expr.Priority);
        Assert.Null(expr.Snis);
    }

    [Fact]
    public void UdpRoute_WithoutBackendRefs_IsAFailure()
    {
        var result = Translate("""
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: UDPRoute
            metadata: {name: u, namespace: default}
            spec:
              rules:
              - name: empty
            """);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("no backendRefs in rule", failure.Message);
        Assert.Equal("UDPRoute", failure.CausingObjects[0].Kind);
        Assert.Null(result.Config.Services);
    }

    [Fact]
    public void GrpcRoute_HttpListenerGivesGrpc_HostnamesFromListeners()
    {
        var yaml = Service("grpc", port: 9000) + Gateway("gw", "kong", "- {name: h, protocol: HTTP, port: 80, hostname: grpc.example.com}\n- {name: s, protocol: HTTPS, port: 443}") + """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: {name: g, namespace: default}
            spec:
              parentRefs: [{name: gw}]
              rules:
              - matches:
                - method: {service: pkg.Svc}
                  headers: [{name: x-b, value: "2"}, {name: x-a, value: "1"}]
                backendRefs: [{name: grpc, kind: Service, port: 9000}]
            """;
        var service = Assert.Single(Translate(yaml).Config.Services!);
        Assert.Equal(("grpc", 9000), (service.Protocol, service.Port));
        var route = Assert.Single(service.Routes!);
        Assert.Equal(["grpc.example.com"], route.Hosts);
        Assert.Equal(["~/pkg.Svc/"], route.Paths);
        Assert.Equal(["grpc", "grpcs"], route.Protocols);
        Assert.Contains("k8s-name:grpc", service.Tags!);

        var expr = Assert.Single(Translate(yaml, expressions: true).Config.Services!);
        Assert.Equal("grpcroute.default.g._.0", expr.Name);
        var exprRoute = Assert.Single(expr.Routes!);
        Assert.Equal("""(http.path ^= "/pkg.Svc/") && ((http.headers.x_a == "1") && (http.headers.x_b == "2"))""", exprRoute.Expression);
        Assert.Equal(["grpc", "grpcs"], exprRoute.Protocols);
        Assert.Equal((1UL << 44) + (7UL << 24) + (2UL << 8) + 255, exprRoute.Priority);
    }
}
