namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/basic-auth/schema.lua (3.9.1).</summary>
internal static class BasicAuthSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "basic-auth",
        NoConsumer = true,
        Config = Field.Record(
            ("anonymous", Field.Str()),
            ("hide_credentials", Field.Bool(false, required: true)),
            ("realm", Field.Str("service", required: true))),
    };
}
