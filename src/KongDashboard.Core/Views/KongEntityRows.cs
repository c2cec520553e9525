using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Views;

/// <summary>The kinds of Kong entity the dashboard lists, one page (or tab) each.</summary>
public enum KongEntityKind
{
    Service,
    Route,
    Upstream,
    Target,
    Plugin,
    Consumer,
    ConsumerGroup,
    Certificate,
    CaCertificate,
}

/// <summary>A Kong entity named by kind and name: the target of a link from a Kubernetes object to what it produced.</summary>
public sealed record EntityLink(KongEntityKind Kind, string Name);

public sealed record ServiceRow(
    string Name,
    string Url,
    ImmutableArray<string> Routes,
    ImmutableArray<string> Plugins,
    ObjectRef? Source);

public sealed record RouteRow(
    string Name,
    string Service,
    ImmutableArray<string> Hosts,
    ImmutableArray<string> Paths,
    ImmutableArray<string> Methods,
    ImmutableArray<string> Protocols,
    string? Expression,
    ImmutableArray<string> Plugins,
    ObjectRef? Source);

public sealed record TargetRow(string Target, int Weight, ObjectRef? Source);

public sealed record UpstreamRow(
    string Name,
    string Algorithm,
    ImmutableArray<TargetRow> Targets,
    ImmutableArray<ObjectRef> Sources);

/// <summary>What a plugin instance is attached to: the Kong entity and the Kubernetes object that entity came from.</summary>
public sealed record PluginAttachment(KongEntityKind Kind, string Entity, ObjectRef? Source)
{
    public override string ToString() => Source is null ? $"{Kind} {Entity}" : $"{Kind} {Entity} ({Source})";
}

/// <summary>A Kong plugin instance. <see cref="Config"/> is JSON already redacted (no value from a Secret).</summary>
public sealed record PluginRow(
    string Id,
    string Name,
    string? InstanceName,
    bool Enabled,
    ImmutableArray<string> Protocols,
    ImmutableArray<PluginAttachment> AttachedTo,
    string Config,
    ObjectRef? Source)
{
    /// <summary>True when attached to nothing: a global plugin (KongClusterPlugin with the global label).</summary>
    public bool Global => AttachedTo.IsEmpty;
}

/// <summary>One credential of a consumer; <see cref="Fields"/> never hold a secret value (see SecretRedactor).</summary>
public sealed record CredentialRow(string Type, ImmutableArray<KeyValuePair<string, string>> Fields);

public sealed record ConsumerRow(
    string Username,
    string? CustomId,
    ImmutableArray<CredentialRow> Credentials,
    ImmutableArray<string> Groups,
    ImmutableArray<string> Plugins,
    ObjectRef? Source);

public sealed record ConsumerGroupRow(string Name, ImmutableArray<string> Members, ImmutableArray<string> Plugins, ObjectRef? Source);

/// <summary>A certificate as shown: its public facts only (the private key is never part of a view).</summary>
public sealed record CertificateRow(
    string Id,
    KongEntityKind Kind,
    ImmutableArray<string> Snis,
    string? Subject,
    string? Issuer,
    DateTimeOffset? NotAfter,
    ObjectRef? Source);
