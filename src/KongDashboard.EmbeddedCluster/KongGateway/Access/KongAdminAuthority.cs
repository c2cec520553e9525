using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KongDashboard.EmbeddedCluster.KongGateway.Access;

/// <summary>
/// A throw-away certificate authority for the embedded Kong Admin APIs: a server certificate per pod IP and one
/// client certificate. Keys live only in memory; ECDSA P-256 because generating it is quick.
/// </summary>
public sealed class KongAdminAuthority : IDisposable
{
    private readonly ECDsa _caKey;
    private readonly TimeProvider _time;

    public KongAdminAuthority(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Kong Dashboard embedded Kong Admin CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = _time.GetUtcNow();
        Certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    }

    /// <summary>The CA certificate (public part only is ever handed out).</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>A server certificate for an Admin API at <paramref name="address"/> (also valid for localhost).</summary>
    public X509Certificate2 IssueServer(IPAddress address)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(address);
        names.AddDnsName("localhost");
        return Issue($"CN={address}", names.Build(), new Oid("1.3.6.1.5.5.7.3.1")); // id-kp-serverAuth
    }

    /// <summary>A client certificate for the controller.</summary>
    public X509Certificate2 IssueClient(string commonName) => Issue($"CN={commonName}", null, new Oid("1.3.6.1.5.5.7.3.2")); // id-kp-clientAuth

    /// <summary>Whether <paramref name="certificate"/> was issued by <paramref name="authority"/> for client use and is valid at <paramref name="now"/>.</summary>
    public static bool IsValidClient(X509Certificate2 authority, X509Certificate2 certificate, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(certificate);
    }

    private X509Certificate2 Issue(string subject, X509Extension? alternativeNames, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        if (alternativeNames is not null)
        {
            request.CertificateExtensions.Add(alternativeNames);
        }
        var now = _time.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), now.AddMinutes(-5), now.AddDays(90), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // through PKCS#12 so TLS stacks get a persisted, exportable key rather than an ephemeral one
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _caKey.Dispose();
        Certificate.Dispose();
    }
}
