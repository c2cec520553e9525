using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// kong/db/schema/others/declarative_config.lua flatten, one top-level entity at a time: each entity (with its nested
/// ones) is validated and loaded on its own, and one whose JSON text is byte-identical to an entity of the previous
/// configuration is taken from <see cref="EntityCache"/> instead. The checks across entities (uniqueness,
/// references) run over the whole configuration every time. Errors come out as from a full validation, in the same order.
/// One instance per gateway; not thread-safe (the gateway applies one configuration at a time).
/// </summary>
internal sealed class DeclarativeFlatten(string routerFlavor, Func<JsonObject, EntityKind, bool>? isBroken)
{
    private readonly DeclarativeValidator _validator = new(routerFlavor, isBroken);
    private readonly DeclarativeLoader _loader = new(routerFlavor);
    private readonly EntityCache _cache = new();

    /// <param name="TopLevel">Errors not tied to an entity (Kong keeps those in "fields").</param>
    /// <param name="Loaded">The flat tables, or null when there are errors.</param>
    public sealed record Outcome(List<EntityErrors> Errors, JsonObject TopLevel, LoadedEntities? Loaded);

    public Outcome Run(DeclarativeDocument config, long now)
    {
        var errors = new List<EntityErrors>();
        var topLevel = new JsonObject();
        var compiled = new Dictionary<DocumentMember, CompiledEntity?[]>();
        DeclarativeValidator.CheckFormatVersion(config, topLevel);
        // stage 1, validation: sections by name, items in order (the order of Kong's errors)
        foreach (var member in config.Members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (DeclarativeValidator.SectionToWalk(member, topLevel) is not { } kind)
            {
                continue;
            }
            var entities = compiled[member] = new CompiledEntity?[member.Items!.Count];
            for (var i = 0; i < entities.Length; i++)
            {
                entities[i] = Validate(kind, member.Key, member.Items[i], i + 1, now, errors, topLevel);
            }
        }
        var loaded = errors.Count == 0 && topLevel.Count == 0 ? Load(config, compiled, now, errors) : null;
        _cache.Remember(compiled.Values.SelectMany(c => c).OfType<CompiledEntity>(), accepted: loaded is not null);
        return new Outcome(errors, topLevel, loaded);
    }

    private CompiledEntity? Validate(EntityKind kind, string section, DocumentItem item, int index, long now, List<EntityErrors> errors, JsonObject topLevel)
    {
        if (!item.Raw.IsEmpty && _cache.Find(section, item.Raw.Span, index) is { } reused)
        {
            _validator.Revalidate(reused.Probes, section, index, errors);
            return reused;
        }
        if (_validator.ValidateItem(kind, item.Node, section, index, errors, topLevel) is not { } walk)
        {
            return null;
        }
        var input = (JsonObject)item.Node!;
        var rows = _loader.Rows(kind, input, section, index, now, out var positional);
        return new CompiledEntity(section, item.Raw.ToArray(), index, positional, input, walk.Probes, rows);
    }

    /// <summary>Stage 2: every row in input order (sections as sent), then uniqueness and references.</summary>
    private static LoadedEntities? Load(DeclarativeDocument config, Dictionary<DocumentMember, CompiledEntity?[]> compiled, long now, List<EntityErrors> errors)
    {
        var rows = new List<PlacedRow>();
        foreach (var member in config.Members)
        {
            if (!compiled.TryGetValue(member, out var entities))
            {
                continue;
            }
            for (var i = 0; i < entities.Length; i++)
            {
                foreach (var template in entities[i]!.Rows)
                {
                    rows.Add(new PlacedRow(template, member.Key, i + 1));
                }
            }
        }
        return DeclarativeLoader.Link(rows, now, errors);
    }
}
