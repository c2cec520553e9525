using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KongDashboard.Core.Translation;
using Microsoft.Extensions.Time.Testing;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation.KongCrds;

/// <summary>
/// CA certificates (konghq.com/ca-cert label; ca-certificates-secrets/-configmaps, tls-verify annotations) and
/// konghq.com/client-cert, as KIC 3.5 translator/translate_cacerts.go and ingressrules.go handle them.
/// </summary>
public class ServiceTlsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Pem(X509Certificate2 cert) => cert.ExportCertificatePem() + "\n";

    private static X509Certificate2 Certificate(bool ca, DateTimeOffset notAfter, out string keyPem)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(ca ? "CN=Test CA" : "CN=client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (ca) request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        keyPem = key.ExportPkcs8PrivateKeyPem();
        return request.CreateSelfSigned(Now.AddDays(-1), notAfter);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string CaSecret(string name, string? id, string? certKey, string pem, string uid = "11111111-0000-0000-0000-000000000001") =>
        "---\napiVersion: v1\nkind: Secret\nmetadata:\n" +
        $"  name: {name}\n  namespace: default\n  uid: {uid}\n  labels:\n    konghq.com/ca-cert: \"true\"\ndata:\n" +
        (id is null ? "" : $"  id: {B64(id)}\n") + (certKey is null ? "  other: eA==\n" : $"  {certKey}: {B64(pem)}\n");

    private static string CaConfigMap(string name, string id, string pem) =>
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n" +
        $"  name: {name}\n  namespace: default\n  uid: 22222222-0000-0000-0000-000000000002\n  labels:\n    konghq.com/ca-cert: \"true\"\ndata:\n" +
        $"  id: {id}\n  ca.crt: |\n" + string.Join("", pem.TrimEnd('\n').Split('\n').Select(l => "    " + l + "\n"));

    private static string TlsSecret(string name, string uid, string certPem, string keyPem) =>
        "---\napiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\nmetadata:\n" +
        $"  name: {name}\n  namespace: default\n  uid: {uid}\n  creationTimestamp: \"2025-01-01T00:00:00Z\"\ndata:\n" +
        $"  tls.crt: {B64(certPem)}\n  tls.key: {B64(keyPem)}\n";

    private static TranslationResult Run(string yaml, TimeProvider? time = null) =>
        new Translator(new TranslatorOptions { Time = time ?? new FakeTimeProvider(Now) }).Translate(Snapshot(yaml));

    private static readonly string CaPem = Pem(Certificate(true, Now.AddYears(1), out _));

    [Fact]
    public void Labelled_secrets_and_configmaps_become_ca_certificates_and_services_reference_their_ids()
    {
        var otherCa = Pem(Certificate(true, Now.AddYears(1), out _));
        var yaml = Ingress("i1") + Service(annotations: """
                konghq.com/protocol: https
                konghq.com/tls-verify: "true"
                konghq.com/tls-verify-depth: "2"
                konghq.com/ca-certificates-secrets: " ca-secret, ,"
                konghq.com/ca-certificates-configmaps: ca-map
            """) + CaSecret("ca-secret", "aaaaaaaa-0000-0000-0000-000000000001", "cert", CaPem) + CaConfigMap("ca-map", "bbbbbbbb-0000-0000-0000-000000000002", otherCa);
        var result = Run(yaml);

        Assert.Empty(result.Failures);
        var service = result.OnlyService();
        Assert.Equal(["aaaaaaaa-0000-0000-0000-000000000001", "bbbbbbbb-0000-0000-0000-000000000002"], service.CaCertificates);
        Assert.True(service.TlsVerify);
        Assert.Equal(2, service.TlsVerifyDepth);
        var cas = result.Config.CaCertificates!;
        Assert.Equal(2, cas.Count);
        // deckgen: descending by cert text; the cert is the data value as written.
        Assert.Equal(new[] { CaPem, otherCa }.OrderByDescending(c => c, StringComparer.Ordinal), cas.Select(c => c.Cert));
        Assert.Contains(cas, c => c.Id == "aaaaaaaa-0000-0000-0000-000000000001" && c.Tags!.Contains("k8s-kind:Secret"));
        Assert.Contains(cas, c => c.Id == "bbbbbbbb-0000-0000-0000-000000000002" && c.Tags!.Contains("k8s-kind:ConfigMap"));
    }

    [Theory]
    [InlineData("konghq.com/protocol: https", "CA certificates requested for service without TLS verification enabled")]
    [InlineData("konghq.com/tls-verify: \"yes\"", "CA certificates requested for service without TLS verification enabled")]
    [InlineData("konghq.com/tls-verify: \"T\"", "CA certificates requested for incompatible service protocol 'http'")]
    [InlineData("konghq.com/tls-verify: \"true\"\n    konghq.com/protocol: grpc", "CA certificates requested for incompatible service protocol 'grpc'")]
    public void Ca_certificate_annotations_need_tls_verification_and_a_tls_protocol(string annotations, string message)
    {
        var result = Run(Ingress("i1") + Service(annotations: "    konghq.com/ca-certificates-secrets: ca-secret\n    " + annotations)
            + CaSecret("ca-secret", "aaaaaaaa-0000-0000-0000-000000000001", "cert", CaPem));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(message, failure.Message);
        Assert.Equal("Service", Assert.Single(failure.CausingObjects).Kind);
        Assert.Null(result.OnlyService().CaCertificates);
        Assert.Single(result.Config.CaCertificates!); // the CA entity itself does not depend on the Service
    }

    [Fact]
    public void Missing_or_id_less_ca_objects_are_reported_by_name()
    {
        var result = Run(Ingress("i1") + Service(annotations: """
                konghq.com/protocol: https
                konghq.com/tls-verify: "true"
                konghq.com/ca-certificates-secrets: absent,no-id
                konghq.com/ca-certificates-configmaps: absent-map
            """) + CaSecret("no-id", null, "cert", CaPem));
        Assert.Equal(
        [
            "Failed to fetch secret for CA Certificate 'default/absent': Secret default/absent not found",
            "Invalid CA certificate 'default/no-id': missing 'id' field in data",
            "Failed to fetch configmap for CA Certificate 'default/absent-map': ConfigMap default/absent-map not found",
            "invalid secret CA certificate: missing 'id' field in data",
        ], result.Failures.Select(f => f.Message));
        Assert.Equal(["Secret", "Service"], result.Failures[1].CausingObjects.Select(o => o.Kind));
        Assert.Null(result.OnlyService().CaCertificates);
        Assert.Null(result.Config.CaCertificates);
    }

    [Fact]
    public void Invalid_ca_certificates_are_left_out_with_the_plugins_that_use_them()
    {
        var leaf = Pem(Certificate(false, Now.AddYears(1), out _));
        var plugin = """
            ---
            apiVersion: configuration.konghq.com/v1
            kind: KongPlugin
            metadata: {name: mtls, namespace: default, uid: 33333333-0000-0000-0000-000000000003}
            plugin: mtls-auth
            config:
              ca_certificates: [cccccccc-0000-0000-0000-000000000003]
            """ + "\n";
        var result = Run(plugin
            + CaSecret("good", "aaaaaaaa-0000-0000-0000-000000000001", "ca.crt", CaPem)
            + CaSecret("not-ca", "cccccccc-0000-0000-0000-000000000003", "cert", leaf, "11111111-0000-0000-0000-000000000003")
            + CaSecret("no-pem", "dddddddd-0000-0000-0000-000000000004", "cert", "not a certificate", "11111111-0000-0000-0000-000000000004")
            + CaSecret("no-key", "eeeeeeee-0000-0000-0000-000000000005", null, "", "11111111-0000-0000-0000-000000000005"));

        Assert.Equal("aaaaaaaa-0000-0000-0000-000000000001", Assert.Single(result.Config.CaCertificates!).Id);
        var messages = result.Failures.Select(f => f.Message).ToList();
        Assert.Contains("invalid secret CA certificate: certificate is missing the 'CA' basic constraint", messages);
        Assert.Contains("invalid secret CA certificate: invalid PEM block", messages);
        Assert.Contains("invalid secret CA certificate default/no-key, neither \"cert\" nor \"ca.crt\" key exist", messages);
        var notCa = result.Failures.Single(f => f.Message.Contains("'CA' basic", StringComparison.Ordinal));
        Assert.Equal(["KongPlugin", "Secret"], notCa.CausingObjects.Select(o => o.Kind));
    }

    [Fact]
    public void An_expired_ca_certificate_is_refused_once_the_clock_passes_its_end()
    {
        var yaml = CaSecret("ca", "aaaaaaaa-0000-0000-0000-000000000001", "cert", CaPem);
        var time = new FakeTimeProvider(Now);
        Assert.Single(Run(yaml, time).Config.CaCertificates!);

        time.Advance(TimeSpan.FromDays(400));
        var result = Run(yaml, time);
        Assert.Null(result.Config.CaCertificates);
        Assert.Equal("invalid secret CA certificate: expired", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void Client_cert_loads_the_secret_as_a_certificate_and_points_the_service_at_it()
    {
        using var cert = Certificate(false, Now.AddYears(1), out var key);
        var yaml = Ingress("i1") + Service(annotations: "    konghq.com/protocol: https\n    konghq.com/client-cert: client")
            + TlsSecret("client", "44444444-0000-0000-0000-000000000004", Pem(cert), key);
        var result = Run(yaml);

        Assert.Empty(result.Failures);
        Assert.Equal("44444444-0000-0000-0000-000000000004", result.OnlyService().ClientCertificate!.Id);
        var certificate = Assert.Single(result.Config.Certificates!);
        Assert.Equal("44444444-0000-0000-0000-000000000004", certificate.Id);
        Assert.Null(certificate.Snis);
    }

    [Fact]
    public void Client_cert_id_follows_the_merged_certificate_of_an_identical_older_secret()
    {
        using var cert = Certificate(false, Now.AddYears(1), out var key);
        var older = TlsSecret("tls-old", "55555555-0000-0000-0000-000000000005", Pem(cert), key)
            .Replace("2025-01-01T00:00:00Z", "2024-01-01T00:00:00Z", StringComparison.Ordinal);
        var yaml = Ingress("i1", extraSpec: "  tls:\n  - hosts: [example.com]\n    secretName: tls-old")
            + Service(annotations: "    konghq.com/protocol: https\n    konghq.com/client-cert: client")
            + TlsSecret("client", "44444444-0000-0000-0000-000000000004", Pem(cert), key) + older;
        var result = Run(yaml);

        Assert.Empty(result.Failures);
        var certificate = Assert.Single(result.Config.Certificates!);
        Assert.Equal("55555555-0000-0000-0000-000000000005", certificate.Id);
        Assert.Equal("55555555-0000-0000-0000-000000000005", result.OnlyService().ClientCertificate!.Id);
    }

    [Theory]
    [InlineData("    konghq.com/client-cert: client", "Client certificate requested for incompatible service protocol 'http'")]
    [InlineData("    konghq.com/protocol: https\n    konghq.com/client-cert: absent", "Failed to fetch secret 'default/absent': Secret default/absent not found")]
    public void Client_cert_failures_name_the_service(string annotations, string message)
    {
        using var cert = Certificate(false, Now.AddYears(1), out var key);
        var result = Run(Ingress("i1") + Service(annotations: annotations) + TlsSecret("client", "44444444-0000-0000-0000-000000000004", Pem(cert), key));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(message, failure.Message);
        Assert.Equal("Service", Assert.Single(failure.CausingObjects).Kind);
        Assert.Null(result.OnlyService().ClientCertificate);
        Assert.Null(result.Config.Certificates);
    }
}
