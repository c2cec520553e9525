using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// kong/db/schema/entities/certificates.lua: cert/key parse (typedefs.certificate / typedefs.key,
/// "invalid certificate: …" / "invalid key: …") and the key must match the cert ("certificate does not match key").
/// </summary>
internal sealed class CertificateValidator : IEntityValidator
{
    public IReadOnlyDictionary<string, FieldRule> Fields { get; } = CommonFields.With(
        ("cert", Rules.Str(CertError)),
        ("key", Rules.Str(KeyError)),
        ("cert_alt", Rules.Str(CertError)),
        ("key_alt", Rules.Str(KeyError)),
        // snis shorthand: a list of names (entity rows nested under "snis" are handled as children)
        ("snis", Rules.Any));

    public IReadOnlyList<string> Required { get; } = ["cert", "key"];

    internal static string? CertError(string pem)
    {
        try
        {
            using var c = X509Certificate2.CreateFromPem(pem);
            return null;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return $"invalid certificate: x509.new: {e.Message.TrimEnd('.')}";
        }
    }

    internal static string? KeyError(string pem)
    {
        try
        {
            using var _ = LoadKey(pem);
            return null;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return $"invalid key: pkey.new:load_key: {e.Message.TrimEnd('.')}";
        }
    }

    private static AsymmetricAlgorithm LoadKey(string pem)
    {
        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal))
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec;
        }
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (CryptographicException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec;
        }
    }

    public void CheckEntity(JsonObject c, EntityErrors errors)
    {
        Match(c, "cert", "key", "certificate does not match key", errors);
        Match(c, "cert_alt", "key_alt", "alternate certificate does not match key", errors);
    }

    private static void Match(JsonObject c, string certField, string keyField, string message, EntityErrors errors)
    {
        if (FieldChecks.AsString(c[certField]) is not { } cert || FieldChecks.AsString(c[keyField]) is not { } key
            || CertError(cert) is not null || KeyError(key) is not null)
        {
            return;
        }
        try
        {
            using var x = X509Certificate2.CreateFromPem(cert, key);
        }
        catch (CryptographicException)
        {
            errors.EntityError(message);
        }
        catch (ArgumentException)
        {
            errors.EntityError(message);
        }
    }
}

/// <summary>kong/db/schema/entities/ca_certificates.lua.</summary>
internal sealed class CaCertificateValidator : IEntityValidator
{
    public IReadOnlyDictionary<string, FieldRule> Fields { get; } = CommonFields.With(
        ("cert", Rules.Str(CertificateValidator.CertError)),
        ("cert_digest", Rules.Str()));

    public IReadOnlyList<string> Required { get; } = ["cert"];

    public void CheckEntity(JsonObject entity, EntityErrors errors)
    {
    }
}
