using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KongDashboard.EmbeddedCluster.Tests.KongGateway;

internal static class TestCertificates
{
    /// <summary>A self-signed certificate and its key, both PEM.</summary>
    public static (string Cert, string Key) Create(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
