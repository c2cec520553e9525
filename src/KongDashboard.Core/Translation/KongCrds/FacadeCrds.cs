using k8s.Models;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.Fallback;
using KongDashboard.Core.Translation.Ingress;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>
/// KongServiceFacade as an Ingress backend (translator/subtranslator/ingress.go, ingressrules.go): one Kong service
/// per facade named <c>&lt;ns&gt;.&lt;facade&gt;.svc.facade</c>, in front of the facade's backing Service, whose
/// annotations the facade's own override.
/// </summary>
internal static class FacadeCrds
{
    public static string? FacadeName(V1TypedLocalObjectReference? resource) => CrdDependencies.FacadeName(resource);

    public static string KongServiceName(KongServiceFacade facade) => $"{facade.Metadata.NamespaceProperty}.{facade.Metadata.Name}.svc.facade";

    public static PortDef Port(KongServiceFacade facade) => new(PortMode.ByNumber, facade.Spec?.BackendRef?.Port ?? 0, "");

    /// <summary>A copy of the backing Service carrying the facade's annotations over its own (facade wins).</summary>
    public static V1Service WithFacadeAnnotations(V1Service service, KongServiceFacade facade)
    {
        var annotations = new Dictionary<string, string>(service.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in facade.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            annotations[key] = value;
        }
        var meta = service.Metadata;
        return new V1Service
        {
            ApiVersion = service.ApiVersion,
            Kind = service.Kind,
            Metadata = new V1ObjectMeta
            {
                Name = meta.Name,
                NamespaceProperty = meta.NamespaceProperty,
                Uid = meta.Uid,
                Labels = meta.Labels,
                CreationTimestamp = meta.CreationTimestamp,
                Annotations = annotations,
            },
            Spec = service.Spec,
        };
    }
}
