namespace KongDashboard.Core.Translation.KongState;

/// <summary>
/// What one KongPlugin/KongClusterPlugin is attached to, and the instances that yields
/// (internal/util/rels: ForeignRelations.GetCombinations).
/// </summary>
internal sealed class PluginRelations
{
    public List<string> Consumers { get; } = [];
    public List<string> ConsumerGroups { get; } = [];
    public List<string> Routes { get; } = [];
    public List<string> Services { get; } = [];

    public readonly record struct Rel(string? Service, string? Route, string? Consumer, string? ConsumerGroup);

    public IEnumerable<Rel> Combinations()
    {
        if (Consumers.Count > 0)
        {
            return Routes.Count + Services.Count > 0
                ? Services.SelectMany(s => Consumers.Select(c => new Rel(s, null, c, null)))
                    .Concat(Routes.SelectMany(r => Consumers.Select(c => new Rel(null, r, c, null))))
                : Consumers.Select(c => new Rel(null, null, c, null));
        }
        if (ConsumerGroups.Count > 0)
        {
            return Routes.Count + Services.Count > 0
                ? Services.SelectMany(s => ConsumerGroups.Select(g => new Rel(s, null, null, g)))
                    .Concat(Routes.SelectMany(r => ConsumerGroups.Select(g => new Rel(null, r, null, g))))
                : ConsumerGroups.Select(g => new Rel(null, null, null, g));
        }
        return Services.Select(s => new Rel(s, null, null, null)).Concat(Routes.Select(r => new Rel(null, r, null, null)));
    }
}
