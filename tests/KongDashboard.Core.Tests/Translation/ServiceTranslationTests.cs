using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation;

/// <summary>Kubernetes Service → Kong service/upstream/targets (kongstate/service.go, translate_upstreams.go).</summary>
public class ServiceTranslationTests
{
    // kongstate/service_test.go: TestOverrideServiceByAnnotation.
    [Fact]
    public void ServiceAnnotations()
    {
        var result = Translate(Ingress("ing") + Service(annotations: """
                konghq.com/protocol: grpcs
                konghq.com/path: /base
                konghq.com/connect-timeout: "1000"
                konghq.com/read-timeout: "2000"
                konghq.com/write-timeout: "3000"
                konghq.com/retries: "9"
                konghq.com/host-header: internal.example.com
            """));
        var service = result.OnlyService();
        Assert.Equal("grpcs", service.Protocol);
        Assert.Null(service.Path); // grpc(s) services take no path
        Assert.Equal((1000, 2000, 3000, 9), (service.ConnectTimeout, service.ReadTimeout, service.WriteTimeout, service.Retries));
        Assert.Equal("internal.example.com", Assert.Single(result.Config.Upstreams!).HostHeader);

        var invalid = Translate(Ingress("ing") + Service(annotations: "    konghq.com/protocol: ftp"));
        Assert.Equal("konghq.com/protocol annotation has invalid value: ftp", Assert.Single(invalid.Failures).Message);
        Assert.Equal("http", invalid.OnlyService().Protocol);
    }

    // translate_upstreams.go: getEndpoints — slice port name must equal the Service port name; not-ready skipped.
    [Fact]
    public void Targets_FromEndpointSlices()
    {
        const string slices = """
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: svc-abc
              namespace: default
              labels:
                kubernetes.io/service-name: svc
            addressType: IPv4
            ports:
            - name: http
              port: 8080
              protocol: TCP
            - name: metrics
              port: 9090
              protocol: TCP
            endpoints:
            - addresses: ["10.0.0.1"]
              conditions: {ready: true}
            - addresses: ["10.0.0.2"]
              conditions: {ready: false}
            - addresses: ["10.0.0.3"]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: svc-v6
              namespace: default
              labels:
                kubernetes.io/service-name: svc
            addressType: IPv6
            ports:
            - name: http
              port: 8080
            endpoints:
            - addresses: ["fd00::1"]

            """;
        var result = Translate(Ingress("ing", port: "name: http") + Service(ports: """
              - name: http
                port: 80
                targetPort: 8080
              - name: metrics
                port: 9090
            """) + slices);
        var upstream = Assert.Single(result.Config.Upstreams!);
        Assert.Equal(["[fd00::1]:8080", "10.0.0.3:8080", "10.0.0.1:8080"], upstream.Targets!.Select(t => t.Target));
        Assert.Equal(80, result.OnlyService().Port);
        Assert.Equal("default.svc.http", result.OnlyService().Name);
        Assert.Equal("svc.default.http.svc", upstream.Name);
    }

    [Fact]
    public void ExternalNameAndServiceUpstream()
    {
        var external = Translate(Ingress("ing", port: "number: 443") + Service(ports: "  - port: 1", extraSpec: """
              type: ExternalName
              externalName: api.example.org
            """));
        Assert.Equal("api.example.org:443", Assert.Single(Assert.Single(external.Config.Upstreams!).Targets!).Target);

        var upstream = Translate(Ingress("ing") + Service(annotations: "    ingress.kubernetes.io/service-upstream: \"true\""));
        Assert.Equal("svc.default.svc:80", Assert.Single(Assert.Single(upstream.Config.Upstreams!).Targets!).Target);
    }
}
