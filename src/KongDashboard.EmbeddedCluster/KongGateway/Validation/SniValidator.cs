using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>kong/db/schema/entities/snis.lua (name = typedefs.wildcard_host).</summary>
internal sealed class SniValidator : IEntityValidator
{
    public IReadOnlyDictionary<string, FieldRule> Fields { get; } = CommonFields.With(
        ("name", Rules.Str(WildcardHostError)),
        ("certificate", Rules.Foreign));

    public IReadOnlyList<string> Required { get; } = ["name"];

    public void CheckEntity(JsonObject entity, EntityErrors errors)
    {
    }

    /// <summary>typedefs.lua validate_wildcard_host.</summary>
    internal static string? WildcardHostError(string host)
    {
        var idx = host.IndexOf('*');
        if (idx >= 0)
        {
            if (idx != 0 && idx != host.Length - 1)
            {
                return "wildcard must be leftmost or rightmost character";
            }
            if (host.Count(c => c == '*') > 1)
            {
                return "only one wildcard must be specified";
            }
            host = host.Replace("*", "wildcard", StringComparison.Ordinal);
        }
        return SniError(host);
    }

    /// <summary>typedefs.lua validate_sni.</summary>
    internal static string? SniError(string host) => FieldChecks.NormalizeIp(host) switch
    {
        null => $"invalid value: {host}",
        { Type: not "name" } => "must not be an IP",
        { Port: not null } => "must not have a port",
        _ => null,
    };
}
