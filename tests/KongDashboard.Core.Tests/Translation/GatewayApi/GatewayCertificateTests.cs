using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KongDashboard.Core.Translation;
using static KongDashboard.Core.Tests.Translation.GatewayApi.GatewayApiYaml;

namespace KongDashboard.Core.Tests.Translation.GatewayApi;

/// <summary>Certificates of the controller's Gateway TLS listeners (translate_certs.go: getGatewayCerts).</summary>
public class GatewayCertificateTests
{
    private static string TlsSecret(string name, string ns)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=gw.example.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        static string B64(string pem) => Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
        return $"""
            ---
            apiVersion: v1
            kind: Secret
            metadata: {"{"}name: {name}, namespace: {ns}, uid: 7d3e2a51-0000-4000-8000-000000000001{"}"}
            type: kubernetes.io/tls
            data:
              tls.crt: {B64(cert.ExportCertificatePem())}
              tls.key: {B64(rsa.ExportPkcs8PrivateKeyPem())}
            """ + "\n";
    }

    private static TranslationResult Translate(string yaml, string controller) =>
        new Translator(new TranslatorOptions { GatewayControllerName = controller }).Translate(TranslationTestKit.Snapshot(yaml));

    [Fact]
    public void HttpsListenerCertificate_WithListenerHostnameAsSni_OnlyWithAControllerName()
    {
        var yaml = GatewayClass("kong") + TlsSecret("gw-cert", "default") + Gateway("gw", "kong", """
            - name: https
              protocol: HTTPS
              port: 443
              hostname: gw.example.com
              tls: {certificateRefs: [{name: gw-cert}]}
            - name: any
              protocol: HTTPS
              port: 8443
              tls: {certificateRefs: [{name: gw-cert}, {name: other}]}
            """);
        var result = Translate(yaml, KicController);
        var certificate = Assert.Single(result.Config.Certificates!);
        Assert.Equal("7d3e2a51-0000-4000-8000-000000000001", certificate.Id);
        Assert.Equal(["gw.example.com"], certificate.Snis!.Select(s => s.Name));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("listener '%s' has more than one certificateRef, it's not supported", failure.Message);
        Assert.Equal("Gateway", failure.CausingObjects[0].Kind);

        // KIC's golden runner has no controller name: no Gateway certificates.
        Assert.Null(Translate(yaml, "").Config.Certificates);
    }
}
