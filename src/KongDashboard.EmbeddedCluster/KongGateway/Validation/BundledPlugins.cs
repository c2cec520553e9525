namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// kong/constants.lua BUNDLED_PLUGINS of Kong 3.9 OSS with each handler's PRIORITY
/// (kong/plugins/*/handler.lua), as reported by <c>GET /</c> plugins.available_on_server.
/// </summary>
internal static class BundledPlugins
{
    public static readonly IReadOnlyDictionary<string, int> Priorities = new Dictionary<string, int>
    {
        ["pre-function"] = 1000000,
        ["correlation-id"] = 100001,
        ["zipkin"] = 100000,
        ["bot-detection"] = 2500,
        ["cors"] = 2000,
        ["session"] = 1900,
        ["acme"] = 1705,
        ["jwt"] = 1450,
        ["oauth2"] = 1400,
        ["key-auth"] = 1250,
        ["ldap-auth"] = 1200,
        ["basic-auth"] = 1100,
        ["hmac-auth"] = 1030,
        ["grpc-gateway"] = 998,
        ["ip-restriction"] = 990,
        ["request-size-limiting"] = 951,
        ["acl"] = 950,
        ["rate-limiting"] = 910,
        ["response-ratelimiting"] = 900,
        ["request-transformer"] = 801,
        ["response-transformer"] = 800,
        ["redirect"] = 779,
        ["ai-request-transformer"] = 777,
        ["ai-prompt-template"] = 773,
        ["ai-prompt-decorator"] = 772,
        ["ai-prompt-guard"] = 771,
        ["ai-proxy"] = 770,
        ["ai-response-transformer"] = 769,
        ["standard-webhooks"] = 760,
        ["aws-lambda"] = 750,
        ["azure-functions"] = 749,
        ["proxy-cache"] = 100,
        ["opentelemetry"] = 14,
        ["prometheus"] = 13,
        ["http-log"] = 12,
        ["statsd"] = 11,
        ["datadog"] = 10,
        ["file-log"] = 9,
        ["udp-log"] = 8,
        ["tcp-log"] = 7,
        ["loggly"] = 6,
        ["syslog"] = 4,
        ["grpc-web"] = 3,
        ["request-termination"] = 2,
        ["post-function"] = -1000,
    };
}
