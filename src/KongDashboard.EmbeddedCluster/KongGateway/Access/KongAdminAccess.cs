using System.Security.Cryptography.X509Certificates;

namespace KongDashboard.EmbeddedCluster.KongGateway.Access;

/// <summary>
/// What a client needs to reach the embedded cluster's Kong Admin APIs when they are hardened
/// (<see cref="KongAdminHardening"/>): hand these to the controller. Nothing is set when hardening is off.
/// </summary>
public sealed record KongAdminAccess
{
    public static readonly KongAdminAccess Open = new();

    /// <summary>The value to send as <c>Kong-Admin-Token</c>; null when no token is required.</summary>
    public string? Token { get; init; }

    /// <summary>The PEM of the CA that issued every Admin API's server certificate (and the client certificate).</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>The client certificate, with its private key, when the Admin APIs require one (mTLS).</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The Admin APIs speak https (their URLs are https://pod-ip:8001).</summary>
    public bool Https { get; init; }

    /// <summary>Never prints the token or the key.</summary>
    public override string ToString() =>
        $"KongAdminAccess {{ Token = {(Token is null ? "none" : "set")}, Https = {Https}, ClientCertificate = {ClientCertificate?.Subject ?? "none"} }}";
}
