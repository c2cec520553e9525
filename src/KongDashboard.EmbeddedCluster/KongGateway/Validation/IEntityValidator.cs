using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>The schema of one entity type: its fields, required fields and entity checks.</summary>
internal interface IEntityValidator
{
    IReadOnlyDictionary<string, FieldRule> Fields { get; }

    IReadOnlyList<string> Required { get; }

    /// <summary>Cross-field checks (Kong's entity_checks), run after the field rules.</summary>
    void CheckEntity(JsonObject entity, EntityErrors errors);
}

/// <summary>Fields every Kong entity shares.</summary>
internal static class CommonFields
{
    public static Dictionary<string, FieldRule> With(params (string Name, FieldRule Rule)[] fields)
    {
        var d = new Dictionary<string, FieldRule>
        {
            ["id"] = Rules.Uuid,
            ["created_at"] = Rules.Timestamp,
            ["updated_at"] = Rules.Timestamp,
            ["tags"] = Rules.Tags,
        };
        foreach (var (n, r) in fields)
        {
            d[n] = r;
        }
        return d;
    }
}
