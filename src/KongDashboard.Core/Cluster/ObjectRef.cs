namespace KongDashboard.Core.Cluster;

/// <summary>A reference to one Kubernetes object, as used in failures, events and Kong tags.</summary>
public sealed record ObjectRef(string Group, string Version, string Kind, string Namespace, string Name, string? Uid = null)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"Kind namespace/name" (or "Kind name" for cluster-scoped objects), the form used in CLI output.</summary>
    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
