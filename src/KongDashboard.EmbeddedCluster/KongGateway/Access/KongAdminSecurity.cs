using System.Security.Cryptography.X509Certificates;

namespace KongDashboard.EmbeddedCluster.KongGateway.Access;

/// <summary>What one gateway's Admin API requires of a request (built by the fleet from <see cref="KongAdminHardening"/>).</summary>
public sealed record KongAdminSecurity
{
    public static readonly KongAdminSecurity None = new();

    /// <summary>The required <c>Kong-Admin-Token</c>; null when none is required.</summary>
    public string? Token { get; init; }

    /// <summary>Serve https with this certificate (with its private key); null for plain http.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Require a client certificate issued by this CA; null when none is required.</summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }
}
