namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/prometheus/schema.lua (3.9.1): any protocol.</summary>
internal static class PrometheusSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "prometheus",
        Protocols = KongProtocols.All,
        DefaultProtocols = Typedefs.HttpProtocols,
        // the record validator (ngx shared dict 'prometheus_metrics') never fails with Kong's own nginx template
        Config = Field.Record(
            ("per_consumer", Field.Bool(false)),
            ("status_code_metrics", Field.Bool(false)),
            ("ai_metrics", Field.Bool(false)),
            ("latency_metrics", Field.Bool(false)),
            ("bandwidth_metrics", Field.Bool(false)),
            ("upstream_health_metrics", Field.Bool(false))),
    };
}
