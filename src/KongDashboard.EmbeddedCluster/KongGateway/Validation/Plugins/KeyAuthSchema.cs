namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/key-auth/schema.lua (3.9.1).</summary>
internal static class KeyAuthSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "key-auth",
        NoConsumer = true,
        Config = Field.Record(
            ("key_names", Field.Array(Typedefs.HeaderName(), Field.Strings("apikey"), required: true)),
            ("hide_credentials", Field.Bool(false, required: true)),
            ("anonymous", Field.Str()),
            ("key_in_header", Field.Bool(true, required: true)),
            ("key_in_query", Field.Bool(true, required: true)),
            ("key_in_body", Field.Bool(false, required: true)),
            ("run_on_preflight", Field.Bool(true, required: true)),
            ("realm", Field.Str())),
    };
}
