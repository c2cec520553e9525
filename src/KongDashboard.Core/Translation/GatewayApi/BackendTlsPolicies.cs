using System.Globalization;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// KIC 3.5's BackendTLSPolicy support (internal/dataplane/translator/ingressrules.go, handleBackendTLSPolices): the one
/// policy that targets a Service (group "" or "core", kind Service, the policy's namespace) becomes annotations of that
/// Service — <c>konghq.com/tls-verify: "true"</c>, <c>host-header</c> = validation.hostname, <c>protocol: https</c>, the
/// ConfigMap and Secret caCertificateRefs appended to <c>ca-certificates-configmaps</c>/<c>-secrets</c>, and
/// <c>tls-verify-depth</c> from the <c>tls-verify-depth</c> option when it is a non-negative integer — which the
/// translation then reads as it reads any Service annotation. Two policies on one Service: KIC's failure
/// "Multiple BackendTLSPolicies attached to service" on the Service, which keeps its own annotations.
/// </summary>
internal static class BackendTlsPolicies
{
    // The annotated copy of a Service for a given (Service, policy) pair: the same objects give the same copy, so the
    // incremental translator, which caches by object reference, re-translates nothing while neither changes.
    private static readonly ConditionalWeakTable<V1Service, ConditionalWeakTable<BackendTlsPolicy, V1Service>> Copies = new();

    public static ClusterSnapshot Apply(ClusterSnapshot snapshot, List<TranslationFailure> failures)
    {
        var policies = snapshot.Get(WatchedKinds.BackendTlsPolicies);
        if (policies.Count == 0)
        {
            return snapshot;
        }

        var byService = new Dictionary<ObjectKey, List<BackendTlsPolicy>>();
        foreach (var policy in policies)
        {
            var ns = policy.Metadata.NamespaceProperty ?? "";
            foreach (var target in (policy.Spec?.TargetRefs ?? []).Where(t => t.Group is "" or "core" && t.Kind == "Service"))
            {
                var key = new ObjectKey(ns, target.Name);
                if (!byService.TryGetValue(key, out var list))
                {
                    byService[key] = list = [];
                }

                if (!list.Contains(policy))
                {
                    list.Add(policy);
                }
            }
        }

        var services = snapshot.Services;
        var annotated = new List<V1Service>();
        foreach (var (key, targeting) in byService)
        {
            if (services.Get(key.Namespace, key.Name) is not { } service)
            {
                continue;
            }

            if (targeting.Count > 1)
            {
                failures.Add(new TranslationFailure("Multiple BackendTLSPolicies attached to service", [ObjectRefs.Of(service)]));
                continue;
            }

            annotated.Add(Copies.GetOrCreateValue(service).GetValue(targeting[0], policy => Annotate(service, policy)));
        }

        return annotated.Count == 0 ? snapshot : snapshot.With(WatchedKinds.Services, services.SetAll(annotated));
    }

    private static V1Service Annotate(V1Service service, BackendTlsPolicy policy)
    {
        // A deep copy: the snapshot's objects are shared and never mutated.
        var copy = KubernetesJson.Deserialize<V1Service>(KubernetesJson.Serialize(service));
        var annotations = copy.Metadata.Annotations ??= new Dictionary<string, string>();
        annotations[Annotations.TlsVerify] = "true";
        annotations[Annotations.HostHeader] = policy.Spec?.Validation?.Hostname ?? "";
        annotations[Annotations.Protocol] = "https";
        var refs = policy.Spec?.Validation?.CaCertificateRefs ?? [];
        Append(annotations, Annotations.CaCertificatesConfigMaps, refs.Where(r => r.Kind == "ConfigMap").Select(r => r.Name));
        Append(annotations, Annotations.CaCertificatesSecrets, refs.Where(r => r.Kind == "Secret").Select(r => r.Name));
        if (policy.Spec?.Options?.TryGetValue("tls-verify-depth", out var depthText) == true
            && int.TryParse(depthText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var depth) && depth >= 0)
        {
            annotations[Annotations.TlsVerifyDepth] = depth.ToString(CultureInfo.InvariantCulture);
        }

        return copy;
    }

    /// <summary>KIC's SetConfigMapCACertificates/SetSecretCACertificates: appended to what the Service already names.</summary>
    private static void Append(IDictionary<string, string> annotations, string key, IEnumerable<string> names)
    {
        var list = string.Join(",", names);
        if (list.Length == 0)
        {
            return;
        }

        annotations[key] = annotations.TryGetValue(key, out var existing) && existing.Length > 0 ? existing + "," + list : list;
    }
}
