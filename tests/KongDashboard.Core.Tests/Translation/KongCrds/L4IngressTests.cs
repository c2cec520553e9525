using KongDashboard.Core.Translation;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation.KongCrds;

/// <summary>TCPIngress/UDPIngress → stream routes and services (KIC translator/translate_kong_l4.go).</summary>
public class L4IngressTests
{
    private const string Tcp = """
        ---
        apiVersion: configuration.konghq.com/v1beta1
        kind: TCPIngress
        metadata:
          name: tcp
          namespace: default
          annotations:
            kubernetes.io/ingress.class: kong
        spec:
          rules:
          - port: 9000
            backend: {serviceName: svc, servicePort: 80}
          - host: db.example.com
            port: 9443
            backend: {serviceName: svc, servicePort: 80}
        """ + "\n";

    private const string Udp = """
        ---
        apiVersion: configuration.konghq.com/v1beta1
        kind: UDPIngress
        metadata:
          name: dns
          namespace: default
          annotations:
            kubernetes.io/ingress.class: kong
        spec:
          rules:
          - port: 53
            backend: {serviceName: svc, servicePort: 80}
        """ + "\n";

    [Fact]
    public void TcpIngress_builds_one_tcp_service_with_a_route_per_rule()
    {
        var result = Translate(Tcp + "\n" + Service());
        var service = result.OnlyService();
        Assert.Equal("default.svc.80", service.Name);
        Assert.Equal("svc.default.80.svc", service.Host);
        Assert.Equal("tcp", service.Protocol);
        Assert.Equal(80, service.Port);
        Assert.Null(service.Path);
        Assert.Equal(60000, service.ConnectTimeout);
        Assert.Equal(5, service.Retries);
        var routes = service.Routes!;
        Assert.Equal(["default.tcp.1", "default.tcp.0"], routes.Select(r => r.Name));
        Assert.Equal(["tcp", "tls"], routes[0].Protocols);
        Assert.Equal(9443, Assert.Single(routes[0].Destinations!).Port);
        Assert.Equal(["db.example.com"], routes[0].Snis);
        Assert.Null(routes[1].Snis);
        Assert.Equal(426, routes[1].HttpsRedirectStatusCode);
        Assert.Equal("v0", routes[1].PathHandling);
        Assert.Equal(KongIds.Route("default.tcp.0"), routes[1].Id);
        Assert.Contains("k8s-kind:TCPIngress", routes[1].Tags!);
        Assert.Equal("svc.default.80.svc", Assert.Single(result.Config.Upstreams!).Name);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void TcpIngress_with_expression_routes_uses_sni_and_port_expressions()
    {
        var result = Translate(Tcp + "\n" + Service(), FeatureGates.Default with { ExpressionRoutes = true });
        var routes = result.OnlyService().Routes!;
        Assert.Equal("(tls.sni == \"db.example.com\") && (net.dst.port == 9443)", routes[0].Expression);
        Assert.Equal("net.dst.port == 9000", routes[1].Expression);
        Assert.All(routes, r => Assert.Equal(1UL, r.Priority));
        Assert.All(routes, r => Assert.Null(r.Destinations));
        Assert.All(routes, r => Assert.Null(r.PathHandling));
    }

    [Fact]
    public void UdpIngress_builds_a_udp_service_without_timeouts()
    {
        var result = Translate(Udp + "\n" + Service());
        var service = result.OnlyService();
        Assert.Equal("default.svc.80.udp", service.Name);
        Assert.Equal("udp", service.Protocol);
        Assert.Null(service.ConnectTimeout);
        Assert.Null(service.Retries);
        var route = Assert.Single(service.Routes!);
        Assert.Equal("default.dns.0.udp", route.Name);
        Assert.Equal(["udp"], route.Protocols);
        Assert.Equal(53, Assert.Single(route.Destinations!).Port);
    }

    [Fact]
    public void TcpIngress_replaces_the_ingress_service_of_the_same_name()
    {
        var ingressOnly = Translate(Ingress("web") + "\n" + Service());
        Assert.Equal("http", ingressOnly.OnlyService().Protocol); // positive control: the Ingress service exists
        var result = Translate(Ingress("web") + "\n" + Tcp + "\n" + Service());
        var service = result.OnlyService();
        Assert.Equal("tcp", service.Protocol);
        Assert.All(service.Routes!, r => Assert.StartsWith("default.tcp.", r.Name));
        Assert.Single(result.Config.Upstreams!);
    }

    [Fact]
    public void TcpIngress_of_another_class_is_ignored()
    {
        var result = Translate(Tcp.Replace("ingress.class: kong", "ingress.class: other") + "\n" + Service());
        Assert.Null(result.Config.Services);
    }

    [Fact]
    public void Missing_backend_service_is_reported_on_the_tcpingress()
    {
        var result = Translate(Tcp);
        var service = result.OnlyService();
        Assert.Contains("k8s-name:UNKNOWN", service.Tags!);
        var messages = result.Failures.Select(f => f.Message).ToList();
        Assert.Contains("failed to resolve Kubernetes Service for backend: failed to fetch Service default/svc: Service default/svc not found", messages);
        Assert.Contains("can't add target for backend svc: no kubernetes service found", messages);
        Assert.All(result.Failures, f => Assert.Equal("TCPIngress", f.CausingObjects[0].Kind));
    }

    [Fact]
    public void Port_not_on_the_service_is_reported()
    {
        var result = Translate(Udp + "\n" + Service(ports: "  - port: 8080"));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("can't find port for backend kubernetes service: no suitable port found", failure.Message);
        Assert.Equal(["Service", "UDPIngress"], failure.CausingObjects.Select(o => o.Kind));
    }

    [Fact]
    public void Plugins_on_a_tcpingress_attach_to_its_routes()
    {
        var yaml = Tcp.Replace("kubernetes.io/ingress.class: kong", "kubernetes.io/ingress.class: kong\n    konghq.com/plugins: limit") + "\n" + Service() + """

            ---
            apiVersion: configuration.konghq.com/v1
            kind: KongPlugin
            metadata: {name: limit, namespace: default}
            plugin: rate-limiting
            """;
        var result = Translate(yaml);
        Assert.Equal(["default.tcp.1", "default.tcp.0"], result.Config.Plugins!.Select(p => p.Route));
    }

    [Fact]
    public void TcpIngress_tls_section_makes_a_certificate_parented_by_the_tcpingress()
    {
        var yaml = Tcp.Replace("spec:\n", "spec:\n  tls:\n  - hosts: [db.example.com]\n    secretName: missing\n") + "\n" + Service();
        var result = Translate(yaml);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("Failed to fetch the secret (default/missing)", failure.Message);
        Assert.Equal("TCPIngress", Assert.Single(failure.CausingObjects).Kind);
    }
}
