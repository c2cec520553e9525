using System.Collections.Immutable;
using KongDashboard.Core.Autoscaling;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Leadership;
using KongDashboard.Core.Status;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Trends;

namespace KongDashboard.Core.Controller;

/// <summary>Everything one controller replica knows, published as one immutable value for the UI and the API.</summary>
public sealed record ControllerState(
    long Version,
    DateTimeOffset At,
    string InstanceId,
    ClusterConnection Connection,
    CacheStatus Cache,
    TranslationState Translation)
{
    /// <summary>Config sync to the Kong gateways (empty when this replica configures none).</summary>
    public SyncState Sync { get; init; } = SyncState.Empty;

    /// <summary>
    /// The per-object status model (translation × what Kong made of it): the single source of every state and count
    /// the pages, /api/v1, the hub and metrics show.
    /// </summary>
    public StatusBoard Status { get; init; } = StatusBoard.Empty;

    /// <summary>The cluster's pods as small view models (pages never receive the snapshot itself).</summary>
    public ImmutableDictionary<ObjectKey, PodView> Pods { get; init; } = ImmutableDictionary<ObjectKey, PodView>.Empty;

    /// <summary>The demo's simulated load (requests per second in ConfigMap kong/kong-dashboard-sim); null elsewhere.</summary>
    public int? SimulatedLoad { get; init; }

    public LeadershipState Leadership { get; init; } = LeadershipState.Disabled;

    public AutoscalingState Autoscaling { get; init; } = AutoscalingState.Empty;

    public PodMetricsState PodMetrics { get; init; } = PodMetricsState.Unknown;

    /// <summary>Bounded trend buffers behind the Overview cards.</summary>
    public OverviewTrends Trends { get; init; } = OverviewTrends.Empty;

    /// <summary>This state with <see cref="Status"/> computed from its translation and sync state (pure).</summary>
    public ControllerState WithStatus() => this with { Status = StatusBoard.Compute(Translation.Objects, Sync) };

    /// <summary>The status of a Translation row (every row has one once the status is computed).</summary>
    public ObjectStatus? StatusOf(TranslationRow row) => Status.Get(row.Kind, row.Key.Namespace, row.Key.Name);

    public static ControllerState Initial(string instanceId, ClusterConnection connection, TimeProvider? time = null) =>
        new(0, (time ?? TimeProvider.System).GetUtcNow(), instanceId, connection, CacheStatus.Empty, TranslationState.Empty);
}

public enum ClusterMode
{
    Embedded,
    Kubeconfig,
    InCluster,
}

/// <summary>Observer replicas translate and show but never push to Kong nor join leader election.</summary>
public enum ControllerRole
{
    Active,
    Observer,
}

/// <summary>Which cluster the core talks to. <see cref="IsDemo"/> marks the embedded demo cluster.</summary>
public sealed record ClusterConnection(ClusterMode Mode, string Server, string? Context, ControllerRole Role, string? KubeconfigPath = null)
{
    public bool IsDemo => Mode == ClusterMode.Embedded;

    public string DisplayName => Mode switch
    {
        ClusterMode.Embedded => "Embedded demo cluster",
        ClusterMode.InCluster => "In-cluster",
        _ => Context is null ? "kubeconfig" : $"kubeconfig context {Context}",
    };
}

/// <summary>The state of the watch caches: synced once every kind has been listed.</summary>
public sealed record CacheStatus(bool Synced, long SnapshotVersion, DateTimeOffset? LastChangeAt, ImmutableArray<ReflectorStatus> Reflectors)
{
    public static readonly CacheStatus Empty = new(false, 0, null, []);

    public int CountOf(string kind) => Reflectors.FirstOrDefault(r => r.Kind == kind)?.Count ?? 0;
}

/// <summary>
/// One kind's watch. <see cref="Synced"/> once listed — or, for an optional kind, once the API said it is not there
/// (<see cref="Unavailable"/> says why: CRD not installed, RBAC); <see cref="DecodeErrors"/> are the objects of the
/// kind that could not be read and were left out, each named.
/// </summary>
public sealed record ReflectorStatus(
    string Kind,
    bool Synced,
    int Count,
    string? ResourceVersion,
    DateTimeOffset? LastEventAt,
    int Relists,
    string? LastError,
    string? Unavailable = null,
    ImmutableArray<ObjectDecodeError> DecodeErrors = default)
{
    public ImmutableArray<ObjectDecodeError> Undecodable => DecodeErrors.IsDefault ? [] : DecodeErrors;
}

/// <summary>An object the controller could not decode: it is skipped (its last readable version kept), never its kind.</summary>
public sealed record ObjectDecodeError(string Kind, string Namespace, string Name, string Message)
{
    public override string ToString() => $"{Kind} {(Namespace.Length == 0 ? Name : $"{Namespace}/{Name}")}: {Message}";
}

/// <summary>The outcome of the latest translation of the cluster snapshot.</summary>
public sealed record TranslationState(
    long Generation,
    long SnapshotVersion,
    DateTimeOffset? At,
    TimeSpan Duration,
    ImmutableArray<TranslationRow> Rows,
    ImmutableArray<FailureRow> Failures,
    KongEntityCounts Counts)
{
    /// <summary>The Kong configuration this translation produced (unredacted: pages read it only through
    /// <see cref="Views.KongEntityViews"/>, which redacts).</summary>
    public KongConfig Config { get; init; } = new();

    /// <summary>Gateways, listeners and the routes attached to each (or why not), from the same snapshot.</summary>
    public ImmutableArray<Views.GatewayRow> GatewayApi { get; init; } = [];

    public static readonly TranslationState Empty = new(0, 0, null, TimeSpan.Zero, [], [], KongEntityCounts.Zero);

    /// <summary>What translation says about every object that routes traffic or that a failure names (the status model's input).</summary>
    public ImmutableArray<TranslatedObject> Objects { get; init; } = [];

    /// <summary>Objects of this controller's class of a kind it does not translate (the safety rail).</summary>
    public ImmutableArray<ObjectRef> NotTranslated { get; init; } = [];
}

public sealed record KongEntityCounts(int Services, int Routes, int Upstreams, int Targets, int Certificates, int Plugins, int Consumers)
{
    public static readonly KongEntityCounts Zero = new(0, 0, 0, 0, 0, 0, 0);
}

public enum TranslationOutcome
{
    /// <summary>Every rule produced Kong routes.</summary>
    Translated,

    /// <summary>Translation reported failures for this object; what could be translated still was.</summary>
    Failed,

    /// <summary>Not for this controller: another ingress class, or no Gateway of this controller accepts it.</summary>
    Ignored,
}

/// <summary>
/// One object that routes traffic (an Ingress, a Gateway API route, a TCPIngress/UDPIngress) as the Translation page
/// shows it. <see cref="Class"/> is its ingress class, or for Gateway API routes the Gateways it names as parents;
/// <see cref="Paths"/> are its matches (paths, gRPC methods, ports). YAML is rendered on demand and never contains
/// secrets.
/// </summary>
public sealed record TranslationRow(
    ObjectKey Key,
    string? Class,
    DateTimeOffset? Created,
    ImmutableArray<string> Hosts,
    ImmutableArray<string> Paths,
    ImmutableArray<string> Backends,
    ImmutableArray<string> Routes,
    TranslationOutcome Status,
    ImmutableArray<string> Messages,
    Lazy<string> SourceYaml,
    Lazy<string> KongYaml)
{
    /// <summary>Its Kubernetes kind: Ingress, HTTPRoute, GRPCRoute, TCPRoute, UDPRoute, TLSRoute, TCPIngress, UDPIngress.</summary>
    public string Kind { get; init; } = "Ingress";

    /// <summary>How the page names it in its URL: <c>ns/name</c> for an Ingress (the links of earlier versions keep
    /// working), <c>Kind/ns/name</c> for the other kinds.</summary>
    public string Id => IdOf(Kind, Key.Namespace, Key.Name);

    /// <summary>The <see cref="Id"/> of a row of this kind, or null when the kind has no row (not a routing kind).</summary>
    public static string? RowIdOf(string kind, string @namespace, string name) =>
        TranslatedObjects.RouteKinds.Contains(kind) ? IdOf(kind, @namespace, name) : null;

    private static string IdOf(string kind, string @namespace, string name) =>
        kind == "Ingress" ? $"{@namespace}/{name}" : $"{kind}/{@namespace}/{name}";

    public StatusKey StatusKey => new(Kind, Key.Namespace, Key.Name);

    // Identity, not value: a row is one object, and grids key their rows by item. Value equality (with its Lazy YAML)
    // made every re-translated row a new row to the renderer, torn down and rebuilt with the focus and selection in it.
    public bool Equals(TranslationRow? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);
}

/// <summary>A translation failure with the objects that caused it.</summary>
public sealed record FailureRow(string Message, ImmutableArray<ObjectRef> CausingObjects);
