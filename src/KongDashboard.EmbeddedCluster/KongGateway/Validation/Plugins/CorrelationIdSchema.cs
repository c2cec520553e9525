namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/correlation-id/schema.lua (3.9.1).</summary>
internal static class CorrelationIdSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "correlation-id",
        Config = Field.Record(
            ("header_name", Field.Str("Kong-Request-ID")),
            ("generator", Field.Str("uuid#counter", required: true, oneOf: ["uuid", "uuid#counter", "tracker"])),
            ("echo_downstream", Field.Bool(false, required: true))),
    };
}
