namespace KongDashboard.Core.Tests.Translation;

/// <summary>
/// The cases of ../shared/conformance/kic-golden-next that the translator covers now, so the conformance tests run
/// them beside kic-golden. Add a case here when its feature lands; when every case is here, run the folder whole.
/// </summary>
internal static class GoldenNextCases
{
    public static readonly HashSet<string> Enabled = new(StringComparer.Ordinal)
    {
        // Gateway API
        "httproute-example", "grpcroute-example", "tcproute-example", "udproute-example", "fallback-config-gateway-api",

        // KIC's other CRDs and plugin-level fallback
        "fallback-config-kong-plugin",
        "fallback-config-kong-upstream-policy",
        "kong-service-facade",
    };
}
