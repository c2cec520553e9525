using k8s;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// Cross-namespace references allowed by ReferenceGrants (internal/gatewayapi/references.go:
/// GetPermittedForReferenceGrantFrom, IsRefAllowedByGrant). Strings are compared exactly: "" and "core" differ.
/// </summary>
internal sealed class ReferenceGrants
{
    // Grant namespace → the "to" entries of grants whose "from" names the referrer.
    private readonly Dictionary<string, List<ReferenceGrantTo>> _allowed;
    private readonly string _fromNamespace;

    private ReferenceGrants(Dictionary<string, List<ReferenceGrantTo>> allowed, string fromNamespace)
    {
        _allowed = allowed;
        _fromNamespace = fromNamespace;
    }

    /// <summary>The grants that let <paramref name="referrer"/> (its group, kind and namespace) refer elsewhere.</summary>
    public static ReferenceGrants For(ClusterSnapshot snapshot, IKubernetesObject<V1ObjectMeta> referrer)
    {
        var (group, _, kind) = ObjectRefs.TypeOf(referrer);
        var ns = referrer.Metadata.NamespaceProperty ?? "";
        return For(snapshot, group, kind, ns);
    }

    public static ReferenceGrants For(ClusterSnapshot snapshot, string group, string kind, string ns)
    {
        var allowed = new Dictionary<string, List<ReferenceGrantTo>>(StringComparer.Ordinal);
        foreach (var grant in snapshot.Get(WatchedKinds.ReferenceGrants))
        {
            if (grant.Spec is not { } spec || !spec.From.Any(f => f.Group == group && f.Kind == kind && f.Namespace == ns))
            {
                continue;
            }
            var grantNs = grant.Metadata.NamespaceProperty ?? "";
            if (!allowed.TryGetValue(grantNs, out var list))
            {
                allowed[grantNs] = list = [];
            }
            list.AddRange(spec.To);
        }
        return new ReferenceGrants(allowed, ns);
    }

    /// <summary>True for same-namespace references and for ones a grant in the target namespace permits.</summary>
    public bool Allows(string? targetNamespace, string? group, string? kind, string name)
    {
        if (targetNamespace is null || targetNamespace == _fromNamespace)
        {
            return true;
        }
        return _allowed.TryGetValue(targetNamespace, out var tos)
            && tos.Any(t => t.Group == (group ?? "") && t.Kind == (kind ?? "") && (t.Name is null || t.Name == name));
    }
}
