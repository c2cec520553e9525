using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// Stage 2 of Kong's declarative load (declarative_config.lua flatten after validation):
/// generate ids, fill defaults, hoist nested entities into flat tables (<see cref="Rows"/>, one top-level entity at a
/// time), then over the whole configuration check uniqueness (populate_references: "uniqueness violation: …") and
/// references (validate_references: "invalid reference …") in <see cref="Link"/>.
/// </summary>
internal sealed class DeclarativeLoader(string routerFlavor)
{
    /// <summary>
    /// The rows of one valid top-level entity and its nested ones, parents before children.
    /// <paramref name="positional"/>: some id came from the entity's position, so the rows hold only at that position.
    /// </summary>
    public IReadOnlyList<RowTemplate> Rows(EntityKind kind, JsonObject input, string section, int index, long now, out bool positional)
    {
        var rows = new List<RowTemplate>();
        var usedPosition = false;
        Add(kind, input, [(section, index)], null, now, rows, ref usedPosition);
        positional = usedPosition;
        return rows;
    }

    /// <summary>Uniqueness and references over every row of the configuration, in input order; null when any fails.</summary>
    public static LoadedEntities? Link(IReadOnlyList<PlacedRow> rows, long now, List<EntityErrors> errors)
    {
        var byId = new Dictionary<(string, string), PlacedRow>();
        var byKey = new Dictionary<(string, string), PlacedRow>();
        var rowErrors = new Dictionary<PlacedRow, EntityErrors>();
        EntityErrors ErrorsOf(PlacedRow r) => rowErrors.TryGetValue(r, out var e) ? e : rowErrors[r] = new EntityErrors(r.Kind, () => Strip(r), r.Path);

        var kept = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            // populate_references: a repeated endpoint key is reported instead of the (derived) primary key
            var failed = false;
            foreach (var (uniqueField, indexName) in UniqueFieldsByKind[row.Kind.Plural])
            {
                if (FieldChecks.AsString(row.Entity[uniqueField]) is { } v && !byKey.TryAdd((indexName, v), row))
                {
                    ErrorsOf(row).EntityError(Uniqueness(row.Kind.Plural, uniqueField, v));
                    failed = true;
                }
            }
            var id = row.Template.Row.Id;
            if (failed || !byId.TryAdd((row.Kind.Plural, id), row))
            {
                if (!failed)
                {
                    ErrorsOf(row).EntityError(Uniqueness(row.Kind.Plural, "primary key", id));
                }
                continue;
            }
            kept[i] = true;
        }

        var loaded = new LoadedRow[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            JsonObject? resolved = null;
            foreach (var (field, target) in row.Kind.Foreign)
            {
                if (field == row.Template.ParentFk || FieldChecks.IsNull(row.Entity[field]))
                {
                    continue;
                }
                var value = row.Entity[field]!;
                var key = value is JsonObject o ? FieldChecks.AsString(o["id"]) ?? FieldChecks.AsString(o["name"]) : FieldChecks.AsString(value);
                var targetKind = EntityKind.ByPlural[target];
                PlacedRow? found = null;
                if (key is not null
                    && !byId.TryGetValue((target, key), out found)
                    && targetKind.EndpointKey is { } ek)
                {
                    byKey.TryGetValue((target + "." + ek, key), out found);
                }
                if (found is null)
                {
                    var shown = value is JsonObject ? value.ToJsonString() : key ?? value.ToJsonString();
                    ErrorsOf(row).EntityError($"invalid reference '{field}: {shown}' (no such entry in '{target}')");
                    continue;
                }
                // the reference becomes {id = …}; rows are shared between loads, so a changed one is a copy
                if (!IsIdReference(value, found.Template.Row.Id))
                {
                    resolved ??= (JsonObject)row.Entity.DeepClone();
                    resolved[field] = new JsonObject { ["id"] = found.Template.Row.Id };
                }
            }
            var template = row.Template.Row;
            loaded[i] = resolved is null ? template : new LoadedRow(resolved, template.StampCreatedAt, template.StampUpdatedAt);
        }

        if (rowErrors.Count > 0)
        {
            errors.AddRange(rowErrors.Values);
            return null;
        }
        var tables = EntityKind.All.ToDictionary(k => k.Plural, _ => new List<LoadedRow>());
        for (var i = 0; i < rows.Count; i++)
        {
            if (kept[i])
            {
                tables[rows[i].Kind.Plural].Add(loaded[i]);
            }
        }
        return new LoadedEntities(tables.Where(t => t.Value.Count > 0).ToDictionary(t => t.Key, t => (IReadOnlyList<LoadedRow>)t.Value), now);
    }

    /// <summary>Already exactly what resolving writes: {"id": the target's id}.</summary>
    private static bool IsIdReference(JsonNode value, string id) =>
        value is JsonObject { Count: 1 } o && FieldChecks.AsString(o["id"]) == id;

    private static string Uniqueness(string entity, string key, string value) =>
        $"uniqueness violation: '{entity}' entity with {key} set to '{value}' already declared";

    /// <summary>Per kind, its unique fields with the name their values are indexed under ("services.name").</summary>
    private static readonly Dictionary<string, (string Field, string IndexName)[]> UniqueFieldsByKind =
        EntityKind.All.ToDictionary(k => k.Plural, k => UniqueFields(k).Select(f => (f, k.Plural + "." + f)).ToArray());

    /// <summary>Fields Kong's schemas mark unique (endpoint keys, consumers.custom_id).</summary>
    private static IEnumerable<string> UniqueFields(EntityKind kind)
    {
        if (kind.EndpointKey is { } ek && kind.EndpointKeyUnique)
        {
            yield return ek;
        }
        if (kind.Plural == "consumers")
        {
            yield return "custom_id";
        }
    }

    private static JsonObject Strip(PlacedRow r) => DeclarativeValidator.ErrorView(r.Template.Input, r.Kind, null);

    private void Add(EntityKind kind, JsonObject input, List<(string, int)> path, (string Field, string ParentId)? parent, long now, List<RowTemplate> rows, ref bool usedPosition)
    {
        var e = new JsonObject();
        foreach (var (k, v) in input)
        {
            if (DeclarativeValidator.ChildKind(kind, k, v) is null && !(kind.Plural == "certificates" && k == "snis"))
            {
                e[k] = v?.DeepClone();
            }
        }
        if (kind.Plural == "services")
        {
            ServiceValidator.ExpandUrl(e);
        }
        if (parent is { } p)
        {
            e[p.Field] = new JsonObject { ["id"] = p.ParentId };
        }
        if (kind.Plural == "targets" && FieldChecks.AsString(e["target"]) is { } t)
        {
            e["target"] = TargetWithPort(t);
        }
        if (e["id"] is null)
        {
            e["id"] = GenerateId(kind, e, path, ref usedPosition);
        }
        // Kong stamps entities on each load: remember which timestamps the load filled rather than the input
        if (kind.Plural == "plugins" && PluginSchemas.Find(FieldChecks.AsString(e["name"])) is { } plugin)
        {
            // process_auto_fields: the stored config carries every default, protocols the plugin's own default
            e["config"] = plugin.FilledConfig(e["config"]);
            if (!e.ContainsKey("protocols"))
            {
                e["protocols"] = plugin.ProtocolsDefault();
            }
        }
        var stampCreated = !e.ContainsKey("created_at");
        var stampUpdated = !e.ContainsKey("updated_at");
        EntityDefaults.Apply(kind.Plural, e, routerFlavor, now);
        rows.Add(new RowTemplate(kind, new LoadedRow(e, stampCreated, stampUpdated && e.ContainsKey("updated_at")), input, path[1..], parent?.Field));

        var id = e["id"]!.GetValue<string>();
        foreach (var (k, v) in input)
        {
            if (DeclarativeValidator.ChildKind(kind, k, v) is { } child && v is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    Add(child.Kind, (JsonObject)items[i]!, [.. path, (k, i + 1)], (child.ForeignField, id), now, rows, ref usedPosition);
                }
            }
            else if (kind.Plural == "certificates" && k == "snis" && v is JsonArray names)
            {
                // certificates.snis shorthand: a list of server names
                for (var i = 0; i < names.Count; i++)
                {
                    Add(EntityKind.ByPlural["snis"], new JsonObject { ["name"] = names[i]?.DeepClone() }, [.. path, (k, i + 1)], ("certificate", id), now, rows, ref usedPosition);
                }
            }
        }
    }

    /// <summary>
    /// declarative_config.lua get_key_for_uuid_gen: a unique endpoint key (or cache key) gives a stable v5 id.
    /// Kong falls back to a random uuid; a v5 id of the entity's position keeps ids stable across identical pushes.
    /// </summary>
    private static string GenerateId(EntityKind kind, JsonObject e, List<(string Section, int Index)> path, ref bool usedPosition)
    {
        string Ref(string f) => e[f] is JsonObject o ? FieldChecks.AsString(o["id"]) ?? "" : FieldChecks.AsString(e[f]) ?? "";
        string? key = kind.Plural switch
        {
            "targets" => $"targets:*:{Ref("upstream")}:{FieldChecks.AsString(e["target"])}",
            "plugins" => $"plugins:*:{FieldChecks.AsString(e["name"])}:{Ref("route")}:{Ref("service")}:{Ref("consumer")}:{Ref("consumer_group")}:",
            _ when kind.EndpointKey is { } ek && kind.EndpointKeyUnique && FieldChecks.AsString(e[ek]) is { } v => v,
            _ => null,
        };
        usedPosition |= key is null;
        return DeterministicId.For(kind.Plural, key ?? string.Join("/", path.Select(p => $"{p.Section}[{p.Index}]")) + ":" + e.ToJsonString());
    }

    /// <summary>targets.lua: a target without a port gets Kong's default 8000.</summary>
    private static string TargetWithPort(string target)
    {
        var p = FieldChecks.NormalizeIp(target);
        if (p is null || p.Value.Port is not null)
        {
            return target;
        }
        return p.Value.Type == "ipv6" && !target.StartsWith('[') ? $"[{target}]:8000" : $"{target}:8000";
    }
}

/// <summary>One row of a top-level entity as loaded on its own, before the checks across entities.</summary>
/// <param name="Input">The input object it came from (what an error about it shows).</param>
/// <param name="NestedPath">Its path below the top-level entity (empty for the entity itself).</param>
/// <param name="ParentFk">The foreign key that points at the entity it was nested in.</param>
internal sealed record RowTemplate(EntityKind Kind, LoadedRow Row, JsonObject Input, List<(string Section, int Index)> NestedPath, string? ParentFk);

/// <summary>A row in this configuration: its template and where its top-level entity sits.</summary>
internal sealed class PlacedRow(RowTemplate template, string section, int index)
{
    public RowTemplate Template { get; } = template;

    public EntityKind Kind => Template.Kind;

    /// <summary>The loaded entity before references are resolved.</summary>
    public JsonObject Entity => Template.Row.Entity;

    public List<(string Section, int Index)> Path => [(section, index), .. Template.NestedPath];
}
