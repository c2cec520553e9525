namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/request-transformer/schema.lua (3.9.1): any protocol.</summary>
internal static class RequestTransformerSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "request-transformer",
        Protocols = KongProtocols.All,
        DefaultProtocols = Typedefs.HttpProtocols,
        Config = Field.Record(
            ("http_method", Typedefs.HttpMethod),
            ("remove", Field.Record(("body", TransformerFields.Strings()), ("headers", TransformerFields.Strings(TransformerFields.HeaderOf)), ("querystring", TransformerFields.Strings()))),
            ("rename", Field.Record(("body", TransformerFields.Strings(TransformerFields.ValueOf)), ("headers", TransformerFields.Strings(TransformerFields.BothHeaders, colon: true)), ("querystring", TransformerFields.Strings(TransformerFields.ValueOf)))),
            ("replace", Field.Record(("body", TransformerFields.Strings(TransformerFields.ValueOf)), ("headers", TransformerFields.Strings(TransformerFields.HeaderOf, colon: true)), ("querystring", TransformerFields.Strings(TransformerFields.ValueOf)), ("uri", Field.Str()))),
            ("add", Field.Record(("body", TransformerFields.Strings(TransformerFields.ValueOf)), ("headers", TransformerFields.Strings(TransformerFields.HeaderOf, colon: true)), ("querystring", TransformerFields.Strings(TransformerFields.ValueOf)))),
            ("append", Field.Record(("body", TransformerFields.Strings(TransformerFields.ValueOf)), ("headers", TransformerFields.Strings(TransformerFields.HeaderOf, colon: true)), ("querystring", TransformerFields.Strings(TransformerFields.ValueOf))))),
    };
}
