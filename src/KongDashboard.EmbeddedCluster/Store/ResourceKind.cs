namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>One served resource type: how it is addressed on the wire and what it supports.</summary>
public sealed record ResourceKind(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Subresources,
    bool Custom = false,
    bool ReadOnly = false)
{
    public string Singular => Kind.ToLowerInvariant();

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"leases.coordination.k8s.io" — the form the real server uses in error messages.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"Ingress.networking.k8s.io" — how Invalid messages name the type (core kinds: just the Kind).</summary>
    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public bool HasStatus => Subresources.Contains("status");

    public IReadOnlyList<string> Categories { get; init; } = [];

    public override string ToString() => $"{Kind} ({ApiVersion})";
}
