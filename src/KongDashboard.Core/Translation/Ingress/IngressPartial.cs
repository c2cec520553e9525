using k8s.Models;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.Ingress;

/// <summary>A route produced by an Ingress, with the Kong service it belongs to.</summary>
internal sealed record IngressRouteEntry(
    string KongServiceName,
    string Namespace,
    string BackendServiceName,
    PortDef Port,
    KongRoute Route,
    KongPluginEntity? RewritePlugin,
    Kubernetes.Crds.KongServiceFacade? Facade = null);

/// <summary>
/// Everything one Ingress contributes on its own (no other object consulted), so it can be cached by the Ingress
/// reference: routes, its default backend, TLS sections, plugin references and failures.
/// </summary>
internal sealed record IngressPartial(
    V1Ingress Ingress,
    IReadOnlyList<IngressRouteEntry> Routes,
    IngressRouteEntry? DefaultBackend,
    TranslationFailure? DefaultBackendFailure,
    IReadOnlyList<TranslationFailure> Failures,
    IReadOnlyList<(string SecretName, IReadOnlyList<string> Hosts)> Tls,
    IReadOnlyList<(string? Namespace, string Name)> PluginRefs,
    Cluster.ObjectRef Self);
