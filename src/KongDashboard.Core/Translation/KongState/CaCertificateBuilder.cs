using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>
/// Secrets and ConfigMaps labelled <c>konghq.com/ca-cert: "true"</c> (any namespace, no class check) → Kong
/// <c>ca_certificates</c> (KIC 3.5 translator/translate_cacerts.go: getCACerts, toKongCACertificate,
/// getPluginsAssociatedWithCACertSecret; store.go: ListCACerts; deckgen: descending by cert).
/// </summary>
internal static class CaCertificateBuilder
{
    public const string Label = "konghq.com/ca-cert";

    public static List<KongCaCertificate> Build(ClusterSnapshot snapshot, TimeProvider time, List<TranslationFailure> failures)
    {
        var sources = new List<(IKubernetesObject<V1ObjectMeta> Object, ObjectRef Ref, IReadOnlyList<string> Tags, Func<string, string?> Data)>();
        foreach (var secret in snapshot.Secrets.Where(Labelled))
        {
            sources.Add((secret, ObjectRefs.Of(secret), KubernetesTags.For(secret, "", "v1", "Secret"), k => SecretData.Get(secret, k)));
        }
        foreach (var configMap in snapshot.ConfigMaps.Where(Labelled))
        {
            sources.Add((configMap, ObjectRefs.Of(configMap), KubernetesTags.For(configMap, "", "v1", "ConfigMap"),
                k => configMap.Data is not null && configMap.Data.TryGetValue(k, out var v) ? v : null));
        }

        var result = new List<KongCaCertificate>();
        foreach (var (obj, self, tags, data) in sources)
        {
            if (data("id") is not { } id)
            {
                failures.Add(new TranslationFailure("invalid secret CA certificate: missing 'id' field in data", [self]));
                continue;
            }
            // The certificate may be under "cert" or "ca.crt".
            if ((data("cert") ?? data("ca.crt")) is not { } pem)
            {
                failures.Add(new TranslationFailure(
                    $"invalid secret CA certificate {obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}, neither \"cert\" nor \"ca.crt\" key exist",
                    [.. PluginsReferring(snapshot, id), self]));
                continue;
            }
            if (Problem(pem, time) is { } problem)
            {
                failures.Add(new TranslationFailure($"invalid secret CA certificate: {problem}", [.. PluginsReferring(snapshot, id), self]));
                continue;
            }
            result.Add(new KongCaCertificate { Id = id, Cert = pem, Tags = tags });
        }
        // deckgen: stable sort, descending by cert.
        return [.. result.OrderByDescending(c => c.Cert, StringComparer.Ordinal)];
    }

    private static bool Labelled(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata.Labels is { } labels && labels.TryGetValue(Label, out var value) && value == "true";

    /// <summary>toKongCACertificate's checks on the first PEM block: parses, is a CA, is not expired.</summary>
    internal static string? Problem(string pem, TimeProvider time)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            return "invalid PEM block";
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[fields.Base64Data]));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return "failed to parse certificate";
        }
        using (certificate)
        {
            var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is not { CertificateAuthority: true })
            {
                return "certificate is missing the 'CA' basic constraint";
            }
            if (time.GetUtcNow() > certificate.NotAfter.ToUniversalTime())
            {
                return "expired";
            }
        }
        return null;
    }

    // The KongPlugins and KongClusterPlugins whose config.ca_certificates names this id share the failure.
    private static IEnumerable<ObjectRef> PluginsReferring(ClusterSnapshot snapshot, string id)
    {
        foreach (var plugin in snapshot.KongPlugins.Where(p => Refers(p.Config, id)))
        {
            yield return ObjectRefs.Of(plugin);
        }
        foreach (var plugin in snapshot.KongClusterPlugins.Where(p => Refers(p.Config, id)))
        {
            yield return ObjectRefs.Of(plugin);
        }
    }

    private static bool Refers(JsonObject? config, string id)
    {
        if (config?["ca_certificates"] is not JsonArray list)
        {
            return false;
        }
        foreach (var item in list)
        {
            if (item is JsonValue value && value.TryGetValue<string>(out var s) && s == id) return true;
        }
        return false;
    }
}
