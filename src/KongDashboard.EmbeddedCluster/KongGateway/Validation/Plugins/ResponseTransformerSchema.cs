namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/response-transformer/schema.lua (3.9.1).</summary>
internal static class ResponseTransformerSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "response-transformer",
        Config = Field.Record(
            ("remove", Field.Record(("json", TransformerFields.Strings()), ("headers", TransformerFields.Strings()))),
            ("rename", Field.Record(("json", TransformerFields.Strings(colon: true)), ("headers", TransformerFields.Strings(TransformerFields.BothHeaders, colon: true)))),
            ("replace", TransformerFields.ColonRecord()),
            ("add", TransformerFields.ColonRecord()),
            ("append", TransformerFields.ColonRecord())),
    };
}
