using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// Stage 2 of Kong's declarative load (declarative_config.lua flatten after validation):
/// generate ids, fill defaults, hoist nested entities into flat tables, then check uniqueness
/// (populate_references: "uniqueness violation: …") and references (validate_references: "invalid reference …").
/// </summary>
internal sealed class DeclarativeLoader(string routerFlavor, long now)
{
    private sealed record Row(EntityKind Kind, JsonObject Entity, JsonObject Input, List<(string, int)> Path, string? ParentFk);

    private readonly List<Row> _rows = [];

    public LoadedEntities? Load(JsonObject config, List<EntityErrors> errors)
    {
        foreach (var (key, value) in config)
        {
            if (EntityKind.ByPlural.TryGetValue(key, out var kind) && value is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    Add(kind, (JsonObject)items[i]!, [(key, i + 1)], null);
                }
            }
        }
        var tables = EntityKind.All.ToDictionary(k => k.Plural, _ => new List<JsonObject>());
        var byId = new Dictionary<(string, string), Row>();
        var byKey = new Dictionary<(string, string), Row>();
        var rowErrors = new Dictionary<Row, EntityErrors>();
        EntityErrors ErrorsOf(Row r) => rowErrors.TryGetValue(r, out var e) ? e : rowErrors[r] = new EntityErrors(r.Kind, () => Strip(r), r.Path);

        foreach (var row in _rows)
        {
            // populate_references: a repeated endpoint key is reported instead of the (derived) primary key
            var failed = false;
            foreach (var uniqueField in UniqueFields(row.Kind))
            {
                if (FieldChecks.AsString(row.Entity[uniqueField]) is { } v && !byKey.TryAdd((row.Kind.Plural + "." + uniqueField, v), row))
                {
                    ErrorsOf(row).EntityError(Uniqueness(row.Kind.Plural, uniqueField, v));
                    failed = true;
                }
            }
            var id = row.Entity["id"]!.GetValue<string>();
            if (failed || !byId.TryAdd((row.Kind.Plural, id), row))
            {
                if (!failed)
                {
                    ErrorsOf(row).EntityError(Uniqueness(row.Kind.Plural, "primary key", id));
                }
                continue;
            }
            tables[row.Kind.Plural].Add(row.Entity);
        }

        foreach (var row in _rows)
        {
            foreach (var (field, target) in row.Kind.Foreign)
            {
                if (field == row.ParentFk || FieldChecks.IsNull(row.Entity[field]))
                {
                    continue;
                }
                var value = row.Entity[field]!;
                var key = value is JsonObject o ? FieldChecks.AsString(o["id"]) ?? FieldChecks.AsString(o["name"]) : FieldChecks.AsString(value);
                var targetKind = EntityKind.ByPlural[target];
                Row? found = null;
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
                row.Entity[field] = new JsonObject { ["id"] = found.Entity["id"]!.GetValue<string>() };
            }
        }

        if (rowErrors.Count > 0)
        {
            errors.AddRange(rowErrors.Values);
            return null;
        }
        return new LoadedEntities(tables.Where(t => t.Value.Count > 0).ToDictionary(t => t.Key, t => (IReadOnlyList<JsonObject>)t.Value));
    }

    private static string Uniqueness(string entity, string key, string value) =>
        $"uniqueness violation: '{entity}' entity with {key} set to '{value}' already declared";

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

    private static JsonObject Strip(Row r) => DeclarativeValidator.ErrorView(r.Input, r.Kind, null);

    private void Add(EntityKind kind, JsonObject input, List<(string, int)> path, (string Field, string ParentId)? parent)
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
        e["id"] ??= GenerateId(kind, e, path);
        EntityDefaults.Apply(kind.Plural, e, routerFlavor, now);
        var row = new Row(kind, e, input, path, parent?.Field);
        _rows.Add(row);

        var id = e["id"]!.GetValue<string>();
        foreach (var (k, v) in input)
        {
            if (DeclarativeValidator.ChildKind(kind, k, v) is { } child && v is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    Add(child.Kind, (JsonObject)items[i]!, [.. path, (k, i + 1)], (child.ForeignField, id));
                }
            }
            else if (kind.Plural == "certificates" && k == "snis" && v is JsonArray names)
            {
                // certificates.snis shorthand: a list of server names
                for (var i = 0; i < names.Count; i++)
                {
                    Add(EntityKind.ByPlural["snis"], new JsonObject { ["name"] = names[i]?.DeepClone() }, [.. path, (k, i + 1)], ("certificate", id));
                }
            }
        }
    }

    /// <summary>
    /// declarative_config.lua get_key_for_uuid_gen: a unique endpoint key (or cache key) gives a stable v5 id.
    /// Kong falls back to a random uuid; a v5 id of the entity's position keeps ids stable across identical pushes.
    /// </summary>
    private static string GenerateId(EntityKind kind, JsonObject e, List<(string Section, int Index)> path)
    {
        string Ref(string f) => e[f] is JsonObject o ? FieldChecks.AsString(o["id"]) ?? "" : FieldChecks.AsString(e[f]) ?? "";
        string? key = kind.Plural switch
        {
            "targets" => $"targets:*:{Ref("upstream")}:{FieldChecks.AsString(e["target"])}",
            "plugins" => $"plugins:*:{FieldChecks.AsString(e["name"])}:{Ref("route")}:{Ref("service")}:{Ref("consumer")}:{Ref("consumer_group")}:",
            _ when kind.EndpointKey is { } ek && kind.EndpointKeyUnique && FieldChecks.AsString(e[ek]) is { } v => v,
            _ => null,
        };
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

/// <summary>The flat entity tables of a loaded configuration, in input order.</summary>
internal sealed record LoadedEntities(IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> Tables)
{
    public static readonly LoadedEntities Empty = new(new Dictionary<string, IReadOnlyList<JsonObject>>());

    public IReadOnlyList<JsonObject> Of(string plural) => Tables.TryGetValue(plural, out var t) ? t : [];
}
