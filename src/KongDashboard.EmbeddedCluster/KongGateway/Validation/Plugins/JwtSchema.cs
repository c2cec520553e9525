namespace KongDashboard.EmbeddedCluster.KongGateway.Validation.Plugins;

/// <summary>kong/plugins/jwt/schema.lua (3.9.1).</summary>
internal static class JwtSchema
{
    public static readonly PluginSchema Schema = new()
    {
        Name = "jwt",
        NoConsumer = true,
        Config = Field.Record(
            ("uri_param_names", Field.Set(Field.Str(), Field.Strings("jwt"))),
            ("cookie_names", Field.Set(Field.Str(), Field.Strings())),
            ("key_claim_name", Field.Str("iss")),
            ("secret_is_base64", Field.Bool(false, required: true)),
            ("claims_to_verify", Field.Set(Field.Str(oneOf: ["exp", "nbf"]))),
            ("anonymous", Field.Str()),
            ("run_on_preflight", Field.Bool(true, required: true)),
            ("maximum_expiration", Field.Num(0, between: (0, 31536000))),
            ("header_names", Field.Set(Field.Str(), Field.Strings("authorization"))),
            ("realm", Field.Str())),
        EntityChecks =
        [
            // schema.lua:52-59: a maximum expiration needs exp verified (a missing claims_to_verify passes, as in Kong)
            new Conditional("config.maximum_expiration", v => v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.GetValue<double>() > 0, "config.claims_to_verify",
                ThenMatch: new SchemaField { Type = "set", Elements = Field.Str(), Contains = "exp" }),
        ],
    };
}
