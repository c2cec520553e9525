namespace KongDashboard.EmbeddedCluster.KongGateway.Access;

/// <summary>
/// Settings of the embedded cluster's Kong Admin APIs, as a hardened Kong would be set up; all off by default.
/// The material clients need comes back as <see cref="KongGatewayFleet.Access"/>.
/// </summary>
public sealed record KongAdminHardening
{
    /// <summary>Refuse requests without the right <c>Kong-Admin-Token</c> header (Kong Enterprise RBAC's answer).</summary>
    public bool RequireToken { get; init; }

    /// <summary>The token to require; null generates a random one.</summary>
    public string? Token { get; init; }

    /// <summary>Serve the Admin APIs over https, with server certificates from a CA the cluster generates.</summary>
    public bool Https { get; init; }

    /// <summary>Require a client certificate issued by that CA (mTLS); needs <see cref="Https"/>.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>Refuse a request whose Host is neither the pod's IP:port nor localhost (DNS-rebinding defence).</summary>
    public bool CheckHost { get; init; } = true;

    /// <summary>Throws when the settings cannot work together.</summary>
    public void Validate()
    {
        if (RequireClientCertificate && !Https)
        {
            throw new ArgumentException("KongAdminHardening.RequireClientCertificate needs Https: a client certificate is only asked for in a TLS handshake.");
        }
        if (Token is { Length: 0 })
        {
            throw new ArgumentException("KongAdminHardening.Token is empty: leave it null to have one generated.");
        }
    }
}
