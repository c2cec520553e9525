namespace KongDashboard.Core.Cluster;

/// <summary>Identifies an object within one kind: namespace (empty for cluster-scoped kinds) and name.</summary>
public readonly record struct ObjectKey(string Namespace, string Name) : IComparable<ObjectKey>
{
    public static ObjectKey Of(k8s.Models.V1ObjectMeta meta) => new(meta.NamespaceProperty ?? "", meta.Name ?? "");

    public int CompareTo(ObjectKey other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
