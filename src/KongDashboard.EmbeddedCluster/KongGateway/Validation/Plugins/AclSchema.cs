namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/acl/schema.lua (3.9.1).</summary>
internal static class AclSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "acl",
        NoConsumer = true,
        Config = Field.Record(
            ("allow", Field.Array(Field.Str())),
            ("deny", Field.Array(Field.Str())),
            ("hide_groups_header", Field.Bool(false, required: true)),
            ("always_use_authenticated_groups", Field.Bool(false, required: true))),
        EntityChecks = [new OnlyOneOf("config.allow", "config.deny"), new AtLeastOneOf("config.allow", "config.deny")],
    };
}
