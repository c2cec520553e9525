using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>
/// A bundled plugin's schema (kong/plugins/&lt;name&gt;/schema.lua): its config record, the protocols it runs on, whether it
/// may be scoped to a consumer, and its entity checks. Applied on top of the generic plugin entity rules.
/// </summary>
internal sealed class PluginSchema
{
    public required string Name { get; init; }

    /// <summary>The config record (required in an entity, so a missing config is built from its defaults).</summary>
    public required SchemaField Config { get; init; }

    /// <summary>Allowed protocols (the elements' one_of) and the default.</summary>
    public string[] Protocols { get; init; } = Typedefs.HttpProtocols;

    public string[]? DefaultProtocols { get; init; }

    /// <summary>typedefs.no_consumer (typedefs.lua:400-405): consumer must be null.</summary>
    public bool NoConsumer { get; init; }

    public IReadOnlyList<EntityCheck> EntityChecks { get; init; } = [];

    /// <summary>Renames deprecated config keys before defaults are filled (shorthand_fields, init.lua:1799-1850).</summary>
    public Action<JsonObject>? Shorthands { get; init; }

    /// <summary>The config as Kong stores it: the input with shorthands applied and every default filled in.</summary>
    public JsonObject FilledConfig(JsonNode? config)
    {
        var input = config is JsonObject given ? (JsonObject)given.DeepClone() : [];
        Shorthands?.Invoke(input);
        return Config.Fill(input);
    }

    public JsonArray ProtocolsDefault() => Field.Strings(DefaultProtocols ?? Protocols);

    /// <summary>The plugin-specific checks of one plugin entity (the generic ones ran already).</summary>
    public void Validate(JsonObject plugin, EntityErrors errors)
    {
        if (NoConsumer && !FieldChecks.IsNull(plugin["consumer"]))
        {
            errors.Field("consumer", "value must be null");
        }
        if (plugin["protocols"] is JsonArray protocols)
        {
            for (var i = 0; i < protocols.Count; i++)
            {
                // the generic rule reported values that are no protocol at all; here those a valid protocol but not for this plugin
                if (FieldChecks.AsString(protocols[i]) is { } p && KongProtocols.All.Contains(p) && !Protocols.Contains(p))
                {
                    errors.Field($"protocols.{i + 1}", $"expected one of: {string.Join(", ", Protocols)}");
                }
            }
        }
        if (plugin.TryGetPropertyValue("config", out var config) && config is not JsonObject)
        {
            if (FieldChecks.IsNull(config))
            {
                errors.Field("config", FieldChecks.Required); // a non-object was reported by the generic rule
            }
            return;
        }
        var filled = (JsonObject)plugin.DeepClone();
        filled["config"] = FilledConfig(config);
        Config.Validate("config", filled["config"], errors);
        var hasFieldErrors = errors.FieldErrors.Any(e => e.Field == "config" || e.Field.StartsWith("config.", StringComparison.Ordinal));
        foreach (var check in EntityChecks)
        {
            check.Run(filled, errors, hasFieldErrors);
        }
    }
}
