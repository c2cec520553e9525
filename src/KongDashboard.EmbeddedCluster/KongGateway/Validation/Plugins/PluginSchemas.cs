namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>The bundled plugins whose config schema is checked; any other plugin keeps the generic entity rules only.</summary>
internal static class PluginSchemas
{
    private static readonly Dictionary<string, PluginSchema> ByName = new PluginSchema[]
    {
        RateLimitingSchema.Schema,
        KeyAuthSchema.Schema,
        BasicAuthSchema.Schema,
        JwtSchema.Schema,
        AclSchema.Schema,
        CorsSchema.Schema,
        IpRestrictionSchema.Schema,
        RequestTransformerSchema.Schema,
        ResponseTransformerSchema.Schema,
        CorrelationIdSchema.Schema,
        ProxyCacheSchema.Schema,
        PrometheusSchema.Schema,
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static PluginSchema? Find(string? name) => name is not null && ByName.TryGetValue(name, out var schema) ? schema : null;
}
