using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Sync;

/// <summary>
/// How to authenticate to Kong's Admin API and trust it (KIC: --kong-admin-token / --kong-admin-token-file,
/// --kong-admin-ca-cert[-file], --kong-admin-tls-client-cert/key, --kong-admin-tls-server-name). A class, not a record,
/// so that nothing ever prints the token or the key.
/// </summary>
public sealed class KongAdminAccess
{
    public static readonly KongAdminAccess None = new();

    /// <summary>The RBAC token sent as <c>Kong-Admin-Token</c> (Kong:AdminToken).</summary>
    public string? Token { get; init; }

    /// <summary>The Secret holding the token (Kong:AdminTokenSecret, "namespace/name"), read from the watched cluster.</summary>
    public string? TokenSecret { get; init; }

    /// <summary>The key of that Secret (Kong:AdminTokenSecretKey).</summary>
    public string TokenSecretKey { get; init; } = "token";

    /// <summary>CA bundle to verify the Admin API's certificate: a PEM text or a file path (Kong:CaCertificate).</summary>
    public string? CaCertificate { get; init; }

    /// <summary>mTLS client certificate and key: PEM texts or file paths (Kong:ClientCertificate, Kong:ClientKey).</summary>
    public string? ClientCertificate { get; init; }

    public string? ClientKey { get; init; }

    /// <summary>Name to verify the Admin API's certificate against (Kong:TlsServerName); discovery supplies one per pod.</summary>
    public string? TlsServerName { get; init; }

    public bool HasToken => !string.IsNullOrEmpty(Token) || !string.IsNullOrEmpty(TokenSecret);

    public override string ToString() =>
        $"token: {(HasToken ? "set" : "none")}, CA: {(CaCertificate is null ? "system" : "custom")}, client certificate: {(ClientCertificate is null ? "none" : "set")}";

    /// <summary>Every problem with these settings, each naming the setting and the reason (never a value).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(Token) && !string.IsNullOrEmpty(TokenSecret))
        {
            errors.Add("Kong:AdminToken and Kong:AdminTokenSecret are mutually exclusive (as KIC's --kong-admin-token and --kong-admin-token-file)");
        }

        if (!string.IsNullOrEmpty(TokenSecret) && SplitSecret(TokenSecret) is null)
        {
            errors.Add($"Kong:AdminTokenSecret '{TokenSecret}' must be 'namespace/name'");
        }

        if (!string.IsNullOrEmpty(TokenSecret) && string.IsNullOrWhiteSpace(TokenSecretKey))
        {
            errors.Add("Kong:AdminTokenSecretKey must name a key of the Secret");
        }

        if (CaCertificate is { Length: > 0 })
        {
            Try(errors, "Kong:CaCertificate", () => LoadCaCertificates());
        }

        if (string.IsNullOrEmpty(ClientCertificate) != string.IsNullOrEmpty(ClientKey))
        {
            errors.Add("Kong:ClientCertificate and Kong:ClientKey must be set together (mTLS)");
        }
        else if (ClientCertificate is { Length: > 0 })
        {
            Try(errors, "Kong:ClientCertificate/Kong:ClientKey", () => LoadClientCertificate()?.Dispose());
        }

        return errors;
    }

    public X509Certificate2Collection? LoadCaCertificates()
    {
        if (CaCertificate is not { Length: > 0 } value)
        {
            return null;
        }

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(PemOrFile(value, "Kong:CaCertificate"));
        return certificates.Count > 0 ? certificates : throw new InvalidDataException("no PEM certificate found");
    }

    public X509Certificate2? LoadClientCertificate()
    {
        if (ClientCertificate is not { Length: > 0 } cert || ClientKey is not { Length: > 0 } key)
        {
            return null;
        }

        using var ephemeral = X509Certificate2.CreateFromPem(PemOrFile(cert, "Kong:ClientCertificate"), PemOrFile(key, "Kong:ClientKey"));
        // Re-imported so the TLS stack can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The token to send now: the static one, or the Secret's current value in the latest snapshot.</summary>
    public string? CurrentToken(ClusterSnapshot snapshot)
    {
        if (!string.IsNullOrEmpty(Token))
        {
            return Token;
        }

        if (SplitSecret(TokenSecret) is not { } key)
        {
            return null;
        }

        var secret = snapshot.Secrets.Get(key) ?? throw new InvalidOperationException($"Kong:AdminTokenSecret {key}: Secret not found");
        if (secret.Data?.TryGetValue(TokenSecretKey, out var bytes) != true || bytes is not { Length: > 0 })
        {
            throw new InvalidOperationException($"Kong:AdminTokenSecret {key}: the Secret has no key '{TokenSecretKey}'");
        }

        return Encoding.UTF8.GetString(bytes).Trim();
    }

    private static ObjectKey? SplitSecret(string? value) =>
        value?.Split('/') is [{ Length: > 0 } ns, { Length: > 0 } name] ? new ObjectKey(ns, name) : null;

    private static string PemOrFile(string value, string setting)
    {
        if (value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return value;
        }

        return File.Exists(value) ? File.ReadAllText(value) : throw new FileNotFoundException($"{setting}: file '{value}' not found");
    }

    private static void Try(List<string> errors, string setting, Action load)
    {
        try
        {
            load();
        }
        catch (Exception error) when (error is IOException or CryptographicException or ArgumentException or InvalidDataException or UnauthorizedAccessException)
        {
            // The exception text names the file or the PEM problem, never the content.
            errors.Add(error.Message.StartsWith(setting, StringComparison.Ordinal) ? error.Message : $"{setting}: {error.Message}");
        }
    }
}
