using KongDashboard.Core.Translation;
using static KongDashboard.Core.Tests.Translation.GatewayApi.GatewayApiYaml;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation.GatewayApi;

/// <summary>BackendTLSPolicy → annotations of its target Service (KIC 3.5 ingressrules.go handleBackendTLSPolices).</summary>
public sealed class BackendTlsPolicyTests
{
    private static readonly string Route = HttpRoute("api", """
        parentRefs: [{name: gw}]
        rules:
        - backendRefs: [{name: svc, kind: Service, port: 80}]
        """);

    private static string Policy(string name, string options = "") => $$"""
        ---
        apiVersion: gateway.networking.k8s.io/v1alpha3
        kind: BackendTLSPolicy
        metadata:
          name: {{name}}
          namespace: default
        spec:
          targetRefs:
          - {group: "", kind: Service, name: svc}
          validation:
            hostname: backend.internal
            wellKnownCACertificates: System
        {{options}}
        """ + "\n";

    private static TranslationResult Translate(string yaml) =>
        new Translator(new TranslatorOptions()).Translate(Snapshot(yaml));

    [Fact]
    public void A_policy_makes_its_service_https_with_verification_host_header_and_depth()
    {
        // Positive control: without the policy the Service is plain http and unverified.
        var plain = Translate(GatewayApiYaml.Service("svc") + Route).OnlyService();
        Assert.Equal("http", plain.Protocol);
        Assert.Null(plain.TlsVerify);

        var result = Translate(GatewayApiYaml.Service("svc") + Route + Policy("tls", "  options: {tls-verify-depth: \"2\"}"));

        var service = result.OnlyService();
        Assert.Equal("https", service.Protocol);
        Assert.True(service.TlsVerify);
        Assert.Equal(2, service.TlsVerifyDepth);
        Assert.Equal("backend.internal", Assert.Single(result.Config.Upstreams!).HostHeader);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void Two_policies_on_one_service_fail_on_the_service_and_change_nothing()
    {
        var result = Translate(GatewayApiYaml.Service("svc") + Route + Policy("one") + Policy("two"));

        var failure = Assert.Single(result.Failures);
        Assert.Equal("Multiple BackendTLSPolicies attached to service", failure.Message);
        Assert.Equal(("Service", "default", "svc"), (failure.CausingObjects[0].Kind, failure.CausingObjects[0].Namespace, failure.CausingObjects[0].Name));
        Assert.Equal("http", result.OnlyService().Protocol);
    }

    [Fact]
    public void A_negative_or_non_numeric_depth_is_ignored_as_in_kic()
    {
        Assert.Null(Translate(GatewayApiYaml.Service("svc") + Route + Policy("tls", "  options: {tls-verify-depth: \"-1\"}")).OnlyService().TlsVerifyDepth);
        Assert.Null(Translate(GatewayApiYaml.Service("svc") + Route + Policy("tls", "  options: {tls-verify-depth: deep}")).OnlyService().TlsVerifyDepth);
    }
}
