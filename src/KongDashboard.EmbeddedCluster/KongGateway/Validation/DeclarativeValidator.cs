using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// Stage 1 of Kong's declarative load (kong/db/schema/others/declarative_config.lua flatten → self:validate):
/// the schema of the whole document, every entity and every nested entity, collecting all errors.
/// </summary>
internal sealed class DeclarativeValidator(string routerFlavor, Func<JsonObject, EntityKind, bool>? isBroken)
{
    /// <summary>declarative_config.lua build_fields: _format_version one_of { "1.1", "2.1", "3.0" }.</summary>
    private static readonly string[] FormatVersions = ["1.1", "2.1", "3.0"];

    private static readonly HashSet<string> MetaKeys = ["_format_version", "_transform", "_comment", "_ignore"];

    private readonly Dictionary<string, IEntityValidator> _validators = BuildValidators(routerFlavor);

    private static Dictionary<string, IEntityValidator> BuildValidators(string flavor)
    {
        var d = new Dictionary<string, IEntityValidator>(SimpleValidator.Others)
        {
            ["services"] = new ServiceValidator(),
            ["routes"] = new RouteValidator(flavor),
            ["upstreams"] = new UpstreamValidator(),
            ["targets"] = new TargetValidator(),
            ["certificates"] = new CertificateValidator(),
            ["ca_certificates"] = new CaCertificateValidator(),
            ["snis"] = new SniValidator(),
            ["plugins"] = new PluginValidator(),
            ["consumers"] = new ConsumerValidator(),
        };
        return d;
    }

    /// <summary>Validates the document; <paramref name="topLevel"/> gets errors not tied to an entity (Kong keeps those in "fields").</summary>
    public List<EntityErrors> Validate(JsonObject config, JsonObject topLevel)
    {
        var found = new List<EntityErrors>();
        if (config["_format_version"] is null)
        {
            topLevel["_format_version"] = FieldChecks.Required;
        }
        else if (Rules.OneOf(FormatVersions) is var rule)
        {
            var sink = new EntityErrors(EntityKind.ByPlural["services"], () => [], []);
            rule("_format_version", config["_format_version"]!, sink);
            foreach (var (_, m) in sink.FieldErrors)
            {
                topLevel["_format_version"] = m;
            }
        }
        foreach (var (key, value) in config.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (MetaKeys.Contains(key))
            {
                if (key == "_transform" && FieldChecks.Boolean(value) is { } m && !FieldChecks.IsNull(value))
                {
                    topLevel[key] = m;
                }
                continue;
            }
            if (!EntityKind.ByPlural.TryGetValue(key, out var kind))
            {
                topLevel[key] = FieldChecks.Unknown;
                continue;
            }
            if (FieldChecks.IsNull(value))
            {
                continue;
            }
            if (value is not JsonArray items)
            {
                topLevel[key] = FieldChecks.ExpectedArray;
                continue;
            }
            for (var i = 0; i < items.Count; i++)
            {
                Walk(kind, items[i], [(key, i + 1)], null, found, topLevel);
            }
        }
        return found;
    }

    private void Walk(EntityKind kind, JsonNode? node, List<(string, int)> path, (string Field, JsonObject Pk)? parentFk, List<EntityErrors> found, JsonObject topLevel)
    {
        if (node is not JsonObject entity)
        {
            SetTopLevel(topLevel, path, FieldChecks.ExpectedRecord);
            return;
        }
        var errors = new EntityErrors(kind, () => ErrorView(entity, kind, parentFk), path);
        var checkedEntity = entity;
        if (kind.Plural == "services" && entity.ContainsKey("url"))
        {
            checkedEntity = (JsonObject)entity.DeepClone();
            ServiceValidator.ExpandUrl(checkedEntity);
        }
        var validator = _validators[kind.Plural];
        var pk = FieldChecks.AsString(entity["id"]) is { } id && FieldChecks.IsUuid(id) ? new JsonObject { ["id"] = id } : null;
        var childErrors = new List<EntityErrors>();
        foreach (var (field, value) in checkedEntity.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (ChildKind(kind, field, value) is { } child)
            {
                if (value is not JsonArray children)
                {
                    errors.Field(field, FieldChecks.ExpectedArray);
                    continue;
                }
                for (var i = 0; i < children.Count; i++)
                {
                    Walk(child.Kind, children[i], [.. path, (field, i + 1)], pk is null ? null : (child.ForeignField, pk), childErrors, topLevel);
                }
                continue;
            }
            if (!validator.Fields.TryGetValue(field, out var rule))
            {
                errors.Field(field, FieldChecks.Unknown);
            }
            else if (!FieldChecks.IsNull(value))
            {
                rule(field, value!, errors);
            }
        }
        foreach (var required in validator.Required)
        {
            if (FieldChecks.IsNull(checkedEntity[required]))
            {
                errors.Field(required, FieldChecks.Required);
            }
        }
        validator.CheckEntity(checkedEntity, errors);
        if (isBroken?.Invoke(entity, kind) == true)
        {
            // KIC test mock (test/mocks/admin_api_handler.go): objects annotated test.konghq.com/broken are refused
            errors.EntityError("broken object");
        }
        // errors.lua add_entity_errors: nested entities are hoisted before their parent
        found.AddRange(childErrors);
        if (errors.HasErrors)
        {
            found.Add(errors);
        }
    }

    /// <summary>A nested section of child entities (routes in a service, targets in an upstream, snis objects in a certificate …).</summary>
    internal static (EntityKind Kind, string ForeignField)? ChildKind(EntityKind parent, string field, JsonNode? value)
    {
        foreach (var (child, fk) in parent.Children)
        {
            if (child.Plural == field)
            {
                // certificates' "snis" may also be the shorthand list of names
                if (field == "snis" && value is JsonArray a && a.All(x => x is JsonValue))
                {
                    return null;
                }
                return (child, fk);
            }
        }
        return null;
    }

    /// <summary>The "entity" Kong echoes in a flattened error: the input without nested children, with the parent's key.</summary>
    internal static JsonObject ErrorView(JsonObject entity, EntityKind kind, (string Field, JsonObject Pk)? parentFk)
    {
        var view = new JsonObject();
        foreach (var (k, v) in entity)
        {
            if (ChildKind(kind, k, v) is null)
            {
                view[k] = v?.DeepClone();
            }
        }
        if (parentFk is { } p && view[p.Field] is null)
        {
            view[p.Field] = p.Pk.DeepClone();
        }
        return view;
    }

    private static void SetTopLevel(JsonObject top, List<(string Section, int Index)> path, string message)
    {
        var node = top;
        for (var i = 0; i < path.Count; i++)
        {
            var (section, index) = path[i];
            var sec = node[section] as JsonObject ?? new JsonObject();
            node[section] = sec;
            if (i == path.Count - 1)
            {
                sec[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = message;
                return;
            }
            var next = sec[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] as JsonObject ?? new JsonObject();
            sec[index.ToString(System.Globalization.CultureInfo.InvariantCulture)] = next;
            node = next;
        }
    }
}
