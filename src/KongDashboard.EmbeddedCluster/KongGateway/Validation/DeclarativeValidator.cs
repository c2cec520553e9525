using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// Stage 1 of Kong's declarative load (kong/db/schema/others/declarative_config.lua flatten → self:validate):
/// the schema of the whole document, every entity and every nested entity, collecting all errors.
/// One top-level entity at a time, so that <see cref="DeclarativeFlatten"/> can skip those it validated before.
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

    /// <summary>declarative_config.lua: _format_version is required and one of the known versions (errors go in "fields").</summary>
    public static void CheckFormatVersion(DeclarativeDocument config, JsonObject topLevel)
    {
        if (config.Member("_format_version")?.Value is not { } version)
        {
            topLevel["_format_version"] = FieldChecks.Required;
            return;
        }
        var sink = new EntityErrors(EntityKind.ByPlural["services"], () => [], []);
        Rules.OneOf(FormatVersions)("_format_version", version, sink);
        foreach (var (_, m) in sink.FieldErrors)
        {
            topLevel["_format_version"] = m;
        }
    }

    /// <summary>
    /// The checks of one top-level member (Kong visits them by name); returns its entity kind when its items are to be
    /// validated, null when it is metadata, null, or an error recorded in <paramref name="topLevel"/>.
    /// </summary>
    public static EntityKind? SectionToWalk(DocumentMember member, JsonObject topLevel)
    {
        var key = member.Key;
        if (MetaKeys.Contains(key))
        {
            if (key == "_transform" && FieldChecks.Boolean(member.Value) is { } m && !FieldChecks.IsNull(member.Value))
            {
                topLevel[key] = m;
            }
            return null;
        }
        if (!EntityKind.ByPlural.TryGetValue(key, out var kind))
        {
            topLevel[key] = FieldChecks.Unknown;
            return null;
        }
        if (member.Items is null && FieldChecks.IsNull(member.Value))
        {
            return null;
        }
        if (member.Items is null)
        {
            topLevel[key] = FieldChecks.ExpectedArray;
            return null;
        }
        return kind;
    }

    /// <summary>
    /// Validates one top-level item (an entity with its nested ones) at position <paramref name="index"/> of its section.
    /// Returns the entity's walk for reuse when it has no error of its own, else null.
    /// </summary>
    public EntityWalk? ValidateItem(EntityKind kind, JsonNode? node, string section, int index, List<EntityErrors> found, JsonObject topLevel)
    {
        var walk = new EntityWalk(topLevel);
        var before = found.Count;
        Walk(kind, node, [(section, index)], null, found, walk);
        return found.Count == before && !walk.TopLevelTouched && node is JsonObject ? walk : null;
    }

    /// <summary>
    /// What validating a reused entity again would add: it had no schema error, so only the broken-object hook can
    /// object, called for each nested entity in the order <see cref="Walk"/> calls it (children before parents).
    /// </summary>
    public void Revalidate(IReadOnlyList<BrokenProbe> probes, string section, int index, List<EntityErrors> found)
    {
        if (isBroken is null)
        {
            return;
        }
        foreach (var probe in probes)
        {
            if (isBroken(probe.Entity, probe.Kind))
            {
                var errors = new EntityErrors(probe.Kind, () => ErrorView(probe.Entity, probe.Kind, probe.ParentFk), [(section, index), .. probe.NestedPath]);
                errors.EntityError("broken object");
                found.Add(errors);
            }
        }
    }

    private void Walk(EntityKind kind, JsonNode? node, List<(string, int)> path, (string Field, JsonObject Pk)? parentFk, List<EntityErrors> found, EntityWalk walk)
    {
        if (node is not JsonObject entity)
        {
            SetTopLevel(walk.TopLevel, path, FieldChecks.ExpectedRecord);
            walk.TopLevelTouched = true;
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
                    Walk(child.Kind, children[i], [.. path, (field, i + 1)], pk is null ? null : (child.ForeignField, pk), childErrors, walk);
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
        walk.Probes.Add(new BrokenProbe(kind, entity, parentFk, path[1..]));
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

/// <summary>What validating one top-level entity recorded besides its errors.</summary>
internal sealed class EntityWalk(JsonObject topLevel)
{
    public JsonObject TopLevel { get; } = topLevel;

    /// <summary>An error was put in the document-level "fields" (a nested item that is not an object).</summary>
    public bool TopLevelTouched { get; set; }

    /// <summary>Every entity of the walk in the order the broken-object hook saw them.</summary>
    public List<BrokenProbe> Probes { get; } = [];
}

/// <summary>An entity the broken-object hook is asked about, with what its error would show.</summary>
/// <param name="NestedPath">Its path below the top-level item (empty for the item itself).</param>
internal sealed record BrokenProbe(EntityKind Kind, JsonObject Entity, (string Field, JsonObject Pk)? ParentFk, List<(string Section, int Index)> NestedPath);
