using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.GatewayApiStatus;

/// <summary>What a route's <c>Programmed</c> condition says about the last configuration (KIC: ConfiguredInGateway / TranslationError).</summary>
public enum ProgrammedOutcome
{
    /// <summary>No configuration has been accepted by Kong since the route appeared: <c>Unknown</c>.</summary>
    Unknown,
    ConfiguredInGateway,
    TranslationError,
}

/// <summary>
/// The controller's inputs to status computation besides the snapshot: its controller name, the publish Service of
/// the Kong proxy (<c>namespace/name</c>, KIC's <c>--publish-service</c>) and what the last push told about each route.
/// </summary>
public sealed record StatusSettings
{
    public const string DefaultControllerName = "konghq.com/kic-gateway-controller";

    public string ControllerName { get; init; } = DefaultControllerName;

    /// <summary><c>namespace/name</c> of the Kong proxy Service; null → unmanaged Gateways stay Programmed=False/Pending.</summary>
    public string? PublishService { get; init; }

    /// <summary>Outcome by route (kind, namespace, name); a route not listed is <see cref="ProgrammedOutcome.Unknown"/>.</summary>
    public Func<string, ObjectKey, ProgrammedOutcome> Outcome { get; init; } = (_, _) => ProgrammedOutcome.Unknown;
}
