using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// One top-level entity (with its nested ones) validated without error and loaded into rows: all that depends on its
/// JSON text alone, so a later configuration carrying the same text can reuse it. Immutable.
/// </summary>
/// <param name="Raw">Its JSON text as received (empty when it came as YAML: never reused).</param>
/// <param name="Index">Its 1-based position in its section when it was compiled.</param>
/// <param name="Positional">Some generated id came from the position, so it is reused only at <paramref name="Index"/>.</param>
/// <param name="Probes">The entities the broken-object hook must be asked about again on reuse.</param>
internal sealed record CompiledEntity(
    string Section,
    byte[] Raw,
    int Index,
    bool Positional,
    JsonObject Input,
    IReadOnlyList<BrokenProbe> Probes,
    IReadOnlyList<RowTemplate> Rows);
