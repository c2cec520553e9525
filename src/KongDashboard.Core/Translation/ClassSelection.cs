using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Translation;

/// <summary>
/// Which objects belong to the controller's class (internal/store/store.go: ListIngressesV1, isValidIngressClass)
/// and the class's IngressClassParameters.
/// </summary>
internal sealed record ClassSelection(string Class, bool IsDefaultClass, IngressClassParametersSpec Parameters)
{
    public static ClassSelection For(ClusterSnapshot snapshot, string ingressClass)
    {
        var cls = snapshot.IngressClasses.Get("", ingressClass);
        var isDefault = cls?.Metadata.Annotations is { } a
            && a.TryGetValue(Annotations.DefaultIngressClass, out var v) && v == "true";
        var parameters = new IngressClassParametersSpec();
        if (cls?.Spec?.Parameters is { Kind: "IngressClassParameters" } p && p.Name is not null)
        {
            parameters = snapshot.IngressClassParameters.Get(p.NamespaceProperty ?? "", p.Name)?.Spec ?? parameters;
        }
        return new ClassSelection(ingressClass, isDefault, parameters);
    }

    public bool Selects(V1Ingress ingress)
    {
        var annotation = Annotations.Get(ingress.Metadata.Annotations, Annotations.IngressClass);
        if (!string.IsNullOrEmpty(annotation))
        {
            return annotation == Class;
        }
        if (ingress.Spec?.IngressClassName is { } className)
        {
            return className == Class;
        }
        return IsDefaultClass;
    }

    /// <summary>KongConsumer, global KongClusterPlugin: exact class annotation, or none when the class is the default.</summary>
    public bool SelectsByAnnotation(IDictionary<string, string>? annotations)
    {
        var annotation = Annotations.Get(annotations, Annotations.IngressClass);
        return string.IsNullOrEmpty(annotation) ? IsDefaultClass : annotation == Class;
    }
}
