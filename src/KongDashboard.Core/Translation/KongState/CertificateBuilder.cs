using k8s;
using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>
/// Ingress TLS sections → certificates with SNIs (ingressrules.go: addFromIngressV1TLS; translate_certs.go:
/// getCerts/mergeCerts). Hosts are first-wins across all Ingresses in processing order.
/// </summary>
internal static class CertificateBuilder
{
    public sealed record Claim(string SecretKey, string Namespace, string SecretName, List<string> Hosts, List<ObjectRef> Ingresses);

    /// <summary>Allocates TLS hosts to secrets in Ingress order (a host goes to the first secret that claims it).</summary>
    public static List<Claim> Claims(IEnumerable<(IKubernetesObject<V1ObjectMeta> Ingress, IReadOnlyList<(string SecretName, IReadOnlyList<string> Hosts)> Tls)> ingresses)
    {
        var claims = new List<Claim>();
        var byKey = new Dictionary<string, Claim>(StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ingress, tls) in ingresses)
        {
            foreach (var (secretName, hosts) in tls)
            {
                var ns = ingress.Metadata.NamespaceProperty ?? "";
                var key = ns + "/" + secretName;
                if (!byKey.TryGetValue(key, out var claim))
                {
                    claim = new Claim(key, ns, secretName, [], []);
                    byKey[key] = claim;
                    claims.Add(claim);
                }
                var self = ObjectRefs.Of(ingress);
                if (!claim.Ingresses.Contains(self)) claim.Ingresses.Add(self);
                foreach (var host in hosts)
                {
                    if (claimed.Add(host)) claim.Hosts.Add(host);
                }
            }
        }
        return claims;
    }

    /// <param name="mergedIds">When given, receives each Secret UID → the ID of the certificate it merged into
    /// (translator.go re-fills services' client certificate IDs with it).</param>
    public static List<KongCertificate> Build(
        IReadOnlyList<Claim> claims, Func<string, string, V1Secret?> getSecret, List<TranslationFailure> failures,
        Dictionary<string, string>? mergedIds = null)
    {
        // Identical cert+key pairs from several Secrets merge into one certificate; the oldest Secret's UID wins.
        var merged = new Dictionary<(string Cert, string Key), (V1Secret Secret, SortedSet<string> Snis)>();
        var pairs = new List<(string Uid, (string, string) Pair)>();
        foreach (var claim in claims)
        {
            var secret = getSecret(claim.Namespace, claim.SecretName);
            if (secret is null)
            {
                failures.Add(new TranslationFailure($"Failed to fetch the secret ({claim.SecretKey})", [.. claim.Ingresses]));
                continue;
            }
            if (!TryKeyPair(secret, out var cert, out var key))
            {
                failures.Add(new TranslationFailure("failed to construct certificate from secret", [.. claim.Ingresses, ObjectRefs.Of(secret)]));
                continue;
            }
            pairs.Add((secret.Metadata.Uid ?? "", (cert, key)));
            if (merged.TryGetValue((cert, key), out var existing))
            {
                existing.Snis.UnionWith(claim.Hosts);
                if (IsOlder(secret, existing.Secret))
                {
                    merged[(cert, key)] = (secret, existing.Snis);
                }
            }
            else
            {
                merged[(cert, key)] = (secret, new SortedSet<string>(claim.Hosts, StringComparer.Ordinal));
            }
        }
        if (mergedIds is not null)
        {
            foreach (var (uid, pair) in pairs)
            {
                mergedIds[uid] = merged[pair].Secret.Metadata.Uid ?? "";
            }
        }
        return merged.Select(m =>
        {
            var id = m.Value.Secret.Metadata.Uid ?? "";
            return new KongCertificate
            {
                Id = id.Length > 0 ? id : null,
                Cert = m.Key.Cert,
                Key = m.Key.Key,
                Tags = KubernetesTags.For(m.Value.Secret, "", "v1", "Secret"),
                Snis = m.Value.Snis.Count == 0 ? null
                    : m.Value.Snis.Select(s => new KongSni { Name = s, Certificate = id.Length > 0 ? new KongIdRef(id) : null }).ToList(),
            };
        }).ToList();
    }

    private static bool IsOlder(V1Secret a, V1Secret b)
    {
        var ta = a.Metadata.CreationTimestamp ?? DateTime.MinValue;
        var tb = b.Metadata.CreationTimestamp ?? DateTime.MinValue;
        return ta != tb ? ta < tb : string.CompareOrdinal(a.Metadata.Uid, b.Metadata.Uid) < 0;
    }

    /// <summary>tls.crt and tls.key (trimmed) must form a valid X.509 key pair.</summary>
    public static bool TryKeyPair(V1Secret secret, out string cert, out string key)
    {
        cert = SecretData.Get(secret, "tls.crt")?.Trim() ?? "";
        key = SecretData.Get(secret, "tls.key")?.Trim() ?? "";
        if (cert.Length == 0 || key.Length == 0)
        {
            return false;
        }
        try
        {
            using var pair = X509Certificate2.CreateFromPem(cert, key);
            return true;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Reads Secret values (data is already base64-decoded by the client; stringData is honoured too).</summary>
internal static class SecretData
{
    public static string? Get(V1Secret secret, string key)
    {
        if (secret.Data is not null && secret.Data.TryGetValue(key, out var bytes) && bytes is not null)
        {
            return Encoding.UTF8.GetString(bytes);
        }
        return secret.StringData is not null && secret.StringData.TryGetValue(key, out var text) ? text : null;
    }

    public static IEnumerable<KeyValuePair<string, string>> All(V1Secret secret)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in secret.StringData ?? new Dictionary<string, string>())
        {
            seen.Add(k);
            yield return KeyValuePair.Create(k, v);
        }
        foreach (var (k, v) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            if (seen.Add(k))
            {
                yield return KeyValuePair.Create(k, Encoding.UTF8.GetString(v ?? []));
            }
        }
    }
}
