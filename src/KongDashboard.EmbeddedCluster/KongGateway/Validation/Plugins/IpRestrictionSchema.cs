namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/ip-restriction/schema.lua (3.9.1): any protocol, its own default protocols.</summary>
internal static class IpRestrictionSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "ip-restriction",
        Protocols = KongProtocols.All,
        DefaultProtocols = ["http", "https", "tcp", "tls", "grpc", "grpcs"],
        Config = Field.Record(
            ("allow", Field.Array(Typedefs.IpOrCidr)),
            ("deny", Field.Array(Typedefs.IpOrCidr)),
            ("status", Field.Num()),
            ("message", Field.Str())),
        EntityChecks = [new AtLeastOneOf("config.allow", "config.deny")],
    };
}
