namespace KongDashboard.Core.Translation;

/// <summary>Translator settings; the defaults are those of KIC's golden test runner.</summary>
public sealed record TranslatorOptions
{
    /// <summary>The controller's ingress class (<c>--ingress-class</c>).</summary>
    public string IngressClass { get; init; } = "kong";

    public FeatureGates FeatureGates { get; init; } = FeatureGates.Default;

    /// <summary>The Kong version the configuration is built for.</summary>
    public string KongVersion { get; init; } = "3.9.1";

    /// <summary>Appended to service-upstream target hosts (<c>&lt;svc&gt;.&lt;ns&gt;.svc.&lt;domain&gt;</c>) when set.</summary>
    public string ClusterDomain { get; init; } = "";

    /// <summary>
    /// KIC's <c>--gateway-api-controller-name</c> (<c>konghq.com/kic-gateway-controller</c>): only routes attached to
    /// Gateways of GatewayClasses with this controller are translated. Empty, as in KIC's golden runner: every
    /// Gateway API route is translated as written.
    /// </summary>
    public string GatewayControllerName { get; init; } = "";

    /// <summary>The clock CA certificates are checked against (KIC rejects expired ones).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
