using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>
/// <c>konghq.com/client-cert</c> and <c>konghq.com/ca-certificates-secrets|-configmaps</c> on the Services behind a
/// Kong service (KIC 3.5 translator/ingressrules.go: handleServiceClientCertificates, handleServiceCACertificates,
/// getEffectiveServiceProtocol, isNonTLSProtocol), with KIC's failure messages.
/// </summary>
internal static class ServiceTlsAnnotations
{
    // Kong's protocol names that carry no TLS to the upstream (isNonTLSProtocol).
    private static readonly HashSet<string> NonTlsProtocols = new(StringComparer.Ordinal) { "http", "grpc", "tcp", "tls_passthrough", "udp", "ws" };

    /// <summary>
    /// The service with <c>client_certificate</c> (the Secret's UID, remapped after certificates merge) and
    /// <c>ca_certificates</c> set; client-certificate Secrets are added to <paramref name="claims"/> so that their
    /// certificate is loaded into Kong with the Service as its parent.
    /// </summary>
    public static KongService Apply(
        KongService service, ServiceBackends backends, ClusterSnapshot snapshot, List<CertificateBuilder.Claim> claims, List<TranslationFailure> failures)
    {
        foreach (var k8s in backends.Services)
        {
            var annotations = k8s.Metadata.Annotations;
            var ns = k8s.Metadata.NamespaceProperty ?? "";
            var self = ObjectRefs.Of(k8s);
            var protocol = EffectiveProtocol(annotations);

            if (Annotations.Get(annotations, Annotations.ClientCert) is { Length: > 0 } clientCert)
            {
                var key = ns + "/" + clientCert;
                if (snapshot.Secrets.Get(ns, clientCert) is not { } secret)
                {
                    failures.Add(new TranslationFailure($"Failed to fetch secret '{key}': Secret {key} not found", [self]));
                }
                else if (NonTlsProtocols.Contains(protocol))
                {
                    // KIC prints the Kong service's protocol before annotations apply, not the annotation's.
                    failures.Add(new TranslationFailure(
                        $"Client certificate requested for incompatible service protocol '{backends.InitialProtocol}'", [self]));
                }
                else
                {
                    AddParent(claims, key, ns, clientCert, self);
                    service = service with { ClientCertificate = new KongIdRef(secret.Metadata.Uid ?? "") };
                }
            }

            var secretNames = CommaList(Annotations.Get(annotations, Annotations.CaCertificatesSecrets));
            var configMapNames = CommaList(Annotations.Get(annotations, Annotations.CaCertificatesConfigMaps));
            if (secretNames.Count + configMapNames.Count == 0)
            {
                continue;
            }
            if (!GoBool.TryParse(Annotations.Get(annotations, Annotations.TlsVerify), out var verify) || !verify)
            {
                failures.Add(new TranslationFailure("CA certificates requested for service without TLS verification enabled", [self]));
                continue;
            }
            if (NonTlsProtocols.Contains(protocol))
            {
                failures.Add(new TranslationFailure($"CA certificates requested for incompatible service protocol '{protocol}'", [self]));
                continue;
            }
            var ids = new List<string>(service.CaCertificates ?? []);
            foreach (var name in secretNames)
            {
                var key = ns + "/" + name;
                if (snapshot.Secrets.Get(ns, name) is not { } secret)
                {
                    failures.Add(new TranslationFailure($"Failed to fetch secret for CA Certificate '{key}': Secret {key} not found", [self]));
                }
                else if (SecretData.Get(secret, "id") is not { } id)
                {
                    failures.Add(new TranslationFailure($"Invalid CA certificate '{key}': missing 'id' field in data", [ObjectRefs.Of(secret), self]));
                }
                else
                {
                    ids.Add(id);
                }
            }
            foreach (var name in configMapNames)
            {
                var key = ns + "/" + name;
                if (snapshot.ConfigMaps.Get(ns, name) is not { } configMap)
                {
                    failures.Add(new TranslationFailure($"Failed to fetch configmap for CA Certificate '{key}': ConfigMap {key} not found", [self]));
                }
                else if (configMap.Data is null || !configMap.Data.TryGetValue("id", out var id))
                {
                    failures.Add(new TranslationFailure($"Invalid CA certificate '{key}': missing 'id' field in data", [ObjectRefs.Of(configMap), self]));
                }
                else
                {
                    ids.Add(id);
                }
            }
            service = service with { CaCertificates = ids.Count > 0 ? ids : service.CaCertificates };
        }
        return service;
    }

    /// <summary>True when a Service carries an annotation handled here (most do not: they are skipped cheaply).</summary>
    public static bool Wanted(k8s.Models.V1Service service) =>
        service.Metadata.Annotations is { Count: > 0 } a
        && (a.ContainsKey(Annotations.ClientCert) || a.ContainsKey(Annotations.CaCertificatesSecrets) || a.ContainsKey(Annotations.CaCertificatesConfigMaps));

    /// <summary>
    /// Applies <see cref="Apply(KongService, ServiceBackends, ClusterSnapshot, List{CertificateBuilder.Claim}, List{TranslationFailure})"/>
    /// to the services named by <paramref name="backends"/> (a later entry of the same name replaces an earlier one, as
    /// later rule sources replace Kong services in KIC).
    /// </summary>
    public static List<KongService> ApplyAll(
        List<KongService> services, IEnumerable<ServiceBackends> backends, ClusterSnapshot snapshot,
        List<CertificateBuilder.Claim> claims, List<TranslationFailure> failures)
    {
        var byName = new Dictionary<string, ServiceBackends>(StringComparer.Ordinal);
        foreach (var b in backends)
        {
            byName[b.KongServiceName] = b;
        }
        if (byName.Count == 0)
        {
            return services;
        }
        var result = new List<KongService>(services.Count);
        foreach (var service in services)
        {
            result.Add(byName.TryGetValue(service.Name ?? "", out var b) && b.Services.Any(Wanted)
                ? Apply(service, b, snapshot, claims, failures)
                : service);
        }
        return result;
    }

    /// <summary>translator.go: after certificates merge, a client certificate points at the merged certificate's ID.</summary>
    public static List<KongService> RemapClientCertificates(List<KongService> services, IReadOnlyDictionary<string, string> mergedIds)
    {
        if (!services.Any(s => s.ClientCertificate is not null))
        {
            return services;
        }
        return [.. services.Select(s => s.ClientCertificate is { } cert
            ? s with { ClientCertificate = new KongIdRef(mergedIds.TryGetValue(cert.Id, out var id) ? id : "") }
            : s)];
    }

    /// <summary>The <c>konghq.com/protocol</c> annotation, else Kong's default <c>http</c> (getEffectiveServiceProtocol).</summary>
    private static string EffectiveProtocol(IDictionary<string, string>? annotations) =>
        Annotations.Get(annotations, Annotations.Protocol) is { Length: > 0 } p ? p : "http";

    // ingressrules.go SecretNameToSNIs.addUniqueParents: the Secret becomes a certificate with no SNIs of its own.
    private static void AddParent(List<CertificateBuilder.Claim> claims, string key, string ns, string name, ObjectRef parent)
    {
        var claim = claims.Find(c => c.SecretKey == key);
        if (claim is null)
        {
            claims.Add(new CertificateBuilder.Claim(key, ns, name, [], [parent]));
        }
        else if (!claim.Ingresses.Contains(parent))
        {
            claim.Ingresses.Add(parent);
        }
    }

    /// <summary>annotations.go extractCommaDelimitedStrings: split on commas, trim, drop blanks.</summary>
    internal static List<string> CommaList(string? value)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return result;
        }
        foreach (var item in value.Split(','))
        {
            var trimmed = item.Trim();
            if (trimmed.Length > 0) result.Add(trimmed);
        }
        return result;
    }
}
