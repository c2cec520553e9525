using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// Certificates of TLS listeners of the controller's Gateways (translate_certs.go: getGatewayCerts), as claims merged
/// after the Ingress ones: an SNI already claimed is not reassigned. Only with a Gateway controller name (KIC's golden
/// runner has none, so its goldens never carry Gateway certificates).
/// </summary>
internal static class GatewayCertificates
{
    public static IEnumerable<CertificateBuilder.Claim> Claims(
        ClusterSnapshot snapshot, TranslatorOptions options, IReadOnlyList<CertificateBuilder.Claim> existing, List<TranslationFailure> failures)
    {
        if (options.GatewayControllerName is not { Length: > 0 } controller)
        {
            return [];
        }
        var claimed = existing.SelectMany(c => c.Hosts).ToHashSet(StringComparer.Ordinal);
        var claims = new Dictionary<string, CertificateBuilder.Claim>(StringComparer.Ordinal);
        var gateways = snapshot.Get(WatchedKinds.Gateways)
            .OrderBy(g => g.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(g => g.Metadata.Name, StringComparer.Ordinal);
        foreach (var gateway in gateways)
        {
            var cls = snapshot.Get(WatchedKinds.GatewayClasses).Get("", gateway.Spec?.GatewayClassName ?? "");
            if (cls?.Spec?.ControllerName != controller)
            {
                continue;
            }
            var unmanaged = RouteAdmission.Admission.IsUnmanaged(cls);
            var self = ObjectRefs.Of(gateway);
            var gatewayNs = gateway.Metadata.NamespaceProperty ?? "";
            ReferenceGrants? grants = null;
            foreach (var listener in gateway.Spec?.Listeners ?? [])
            {
                // Managed classes: only listeners the other component reported; unmanaged: KIC reports them itself.
                if (!unmanaged && gateway.Status?.Listeners?.Any(l => l.Name == listener.Name) != true)
                {
                    continue;
                }

                if (listener.Tls?.CertificateRefs is not { Count: > 0 } refs)
                {
                    continue;
                }

                if (refs.Count > 1)
                {
                    // The placeholder is not substituted in KIC's message.
                    failures.Add(new TranslationFailure("listener '%s' has more than one certificateRef, it's not supported", [self]));
                    continue;
                }
                var certRef = refs[0];
                var ns = certRef.Namespace ?? gatewayNs;
                if (ns != gatewayNs)
                {
                    grants ??= ReferenceGrants.For(snapshot, GatewayApiGroup.Name, "Gateway", gatewayNs);
                    if (!grants.Allows(ns, certRef.Group ?? "", certRef.Kind ?? "Secret", certRef.Name))
                    {
                        continue;
                    }
                }
                if (snapshot.Secrets.Get(ns, certRef.Name) is null)
                {
                    continue; // only logged by KIC
                }

                var key = ns + "/" + certRef.Name;
                if (!claims.TryGetValue(key, out var claim))
                {
                    claims[key] = claim = new CertificateBuilder.Claim(key, ns, certRef.Name, [], []);
                }
                if (!claim.Ingresses.Contains(self))
                {
                    claim.Ingresses.Add(self);
                }

                var sni = string.IsNullOrEmpty(listener.Hostname) ? "*" : listener.Hostname;
                if (claimed.Add(sni))
                {
                    claim.Hosts.Add(sni);
                }
            }
        }
        return claims.Values;
    }
}
