using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// kong/db/schema/entities/plugins.lua: the name must be a loaded plugin
/// (kong/db/schema/plugin_loader.lua / entity.lua: "plugin '…' not enabled; add it to the 'plugins' configuration property"),
/// config must be a record. The bundled plugins of <see cref="PluginSchemas"/> are then checked against their own schema
/// (kong/plugins/&lt;name&gt;/schema.lua); any other plugin's config is not.
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

    public void CheckEntity(JsonObject entity, EntityErrors errors) =>
        PluginSchemas.Find(FieldChecks.AsString(entity["name"]))?.Validate(entity, errors);
}
