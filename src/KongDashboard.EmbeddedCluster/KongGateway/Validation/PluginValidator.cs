using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// kong/db/schema/entities/plugins.lua: the name must be a loaded plugin
/// (kong/db/schema/plugin_loader.lua / entity.lua: "plugin '…' not enabled; add it to the 'plugins' configuration property"),
/// config must be a record. Plugin-specific config schemas are not checked.
/// </summary>
internal sealed class PluginValidator : IEntityValidator
{
    public IReadOnlyDictionary<string, FieldRule> Fields { get; } = CommonFields.With(
        ("name", Rules.Str(n => BundledPlugins.Priorities.ContainsKey(n) ? null : $"plugin '{n}' not enabled; add it to the 'plugins' configuration property")),
        ("instance_name", Rules.Utf8Name),
        ("route", Rules.Foreign),
        ("service", Rules.Foreign),
        ("consumer", Rules.Foreign),
        ("consumer_group", Rules.Foreign),
        ("config", Rules.Record),
        ("protocols", Rules.ArrayOf(Rules.OneOf([.. KongProtocols.All, "ws", "wss"]), set: true)),
        ("enabled", Rules.Bool),
        ("ordering", Rules.Record));

    public IReadOnlyList<string> Required { get; } = ["name"];

    public void CheckEntity(JsonObject entity, EntityErrors errors)
    {
    }
}
