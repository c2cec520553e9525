using System.Text.Json;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>
/// The entity checks of a plugin schema (kong/db/schema/init.lua entity_checkers, 590-820), run on the plugin with its
/// config already filled in. Field names are dotted paths such as "config.minute".
/// </summary>
internal abstract record EntityCheck
{
    /// <param name="hasFieldErrors">Some field of the entity already failed (checks marked run_with_invalid_fields = false then skip).</param>
    public abstract void Run(JsonObject entity, EntityErrors errors, bool hasFieldErrors);

    /// <summary>is_nonempty (init.lua:429-440): not null, not "", not an empty array or object.</summary>
    protected static bool IsNonEmpty(JsonNode? value) => value switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ when value.GetValueKind() == JsonValueKind.Null => false,
        _ => FieldChecks.AsString(value) is not "",
    };

    protected static JsonNode? Get(JsonObject entity, string path)
    {
        JsonNode? node = entity;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }
        return node;
    }

    protected static string Quoted(IEnumerable<string> fields) => string.Join(", ", fields.Select(f => $"'{f}'"));
}

/// <summary>at_least_one_of: "at least one of these fields must be non-empty: 'a', 'b'".</summary>
internal sealed record AtLeastOneOf(params string[] Fields) : EntityCheck
{
    public override void Run(JsonObject entity, EntityErrors errors, bool hasFieldErrors)
    {
        if (!Fields.Any(f => IsNonEmpty(Get(entity, f))))
        {
            errors.EntityError($"at least one of these fields must be non-empty: {Quoted(Fields)}");
        }
    }
}

/// <summary>only_one_of: "exactly one of these fields must be non-empty: 'a', 'b'" (also when none is).</summary>
internal sealed record OnlyOneOf(params string[] Fields) : EntityCheck
{
    public override void Run(JsonObject entity, EntityErrors errors, bool hasFieldErrors)
    {
        if (Fields.Count(f => IsNonEmpty(Get(entity, f))) != 1)
        {
            errors.EntityError($"exactly one of these fields must be non-empty: {Quoted(Fields)}");
        }
    }
}

/// <summary>
/// conditional: when <see cref="IfField"/> passes <see cref="IfMatch"/>, <see cref="ThenField"/> must pass
/// <see cref="ThenMatch"/> (or be set, when <see cref="ThenRequired"/>); a failure is reported on the field and as
/// "failed conditional validation given value of field '&lt;if_field&gt;'".
/// </summary>
internal sealed record Conditional(string IfField, Func<JsonNode, bool> IfMatch, string ThenField, bool ThenRequired = false, SchemaField? ThenMatch = null) : EntityCheck
{
    public override void Run(JsonObject entity, EntityErrors errors, bool hasFieldErrors)
    {
        var ifValue = Get(entity, IfField);
        if (FieldChecks.IsNull(ifValue) || !IfMatch(ifValue!))
        {
            return;
        }
        var thenValue = Get(entity, ThenField);
        if (ThenRequired && FieldChecks.IsNull(thenValue))
        {
            errors.Field(ThenField, FieldChecks.Required);
        }
        else if (ThenMatch is null || ThenMatch.Validate(ThenField, thenValue, errors))
        {
            return;
        }
        errors.EntityError($"failed conditional validation given value of field '{IfField}'");
    }
}

/// <summary>custom_entity_check: skipped when any field failed (run_with_invalid_fields = false).</summary>
internal sealed record CustomCheck(Func<JsonObject, string?> Check) : EntityCheck
{
    public override void Run(JsonObject entity, EntityErrors errors, bool hasFieldErrors)
    {
        if (!hasFieldErrors && Check(entity) is { } message)
        {
            errors.EntityError(message);
        }
    }
}
