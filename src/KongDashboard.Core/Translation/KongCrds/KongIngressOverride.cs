using System.Text.Json.Nodes;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>
/// The deprecated KongIngress <c>upstream</c> section on a Kong upstream (kongstate/upstream.go: overrideByKongIngress).
/// <c>proxy</c> and <c>route</c> have no effect since KIC 3.0.
/// </summary>
internal static class KongIngressOverride
{
    public static KongUpstream Apply(KongUpstream upstream, KongIngress kongIngress)
    {
        if (kongIngress.Upstream is not { } u)
        {
            return upstream;
        }
        return upstream with
        {
            HostHeader = Text(u, "host_header") ?? upstream.HostHeader,
            Algorithm = Text(u, "algorithm") ?? upstream.Algorithm,
            Slots = Int(u, "slots") ?? upstream.Slots,
            Healthchecks = u["healthchecks"] is JsonObject checks ? (JsonObject)checks.DeepClone() : upstream.Healthchecks,
            HashOn = Text(u, "hash_on") ?? upstream.HashOn,
            HashFallback = Text(u, "hash_fallback") ?? upstream.HashFallback,
            HashOnHeader = Text(u, "hash_on_header") ?? upstream.HashOnHeader,
            HashFallbackHeader = Text(u, "hash_fallback_header") ?? upstream.HashFallbackHeader,
            HashOnCookie = Text(u, "hash_on_cookie") ?? upstream.HashOnCookie,
            HashOnCookiePath = Text(u, "hash_on_cookie_path") ?? upstream.HashOnCookiePath,
            HashOnQueryArg = Text(u, "hash_on_query_arg") ?? upstream.HashOnQueryArg,
            HashFallbackQueryArg = Text(u, "hash_fallback_query_arg") ?? upstream.HashFallbackQueryArg,
            HashOnUriCapture = Text(u, "hash_on_uri_capture") ?? upstream.HashOnUriCapture,
            HashFallbackUriCapture = Text(u, "hash_fallback_uri_capture") ?? upstream.HashFallbackUriCapture,
        };
    }

    /// <summary>Webhook-style warnings for the sections that no longer apply (internal/admission/handler.go).</summary>
    public static IEnumerable<string> Warnings(KongIngress kongIngress)
    {
        if (kongIngress.Proxy is not null)
        {
            yield return "Support for 'proxy' was removed in 3.0. It will have no effect. Use Service's annotations instead.";
        }

        if (kongIngress.Route is not null)
        {
            yield return "Support for 'route' was removed in 3.0. It will have no effect. Use Ingress' annotations instead.";
        }

        if (kongIngress.Upstream is not null)
        {
            yield return "'upstream' is DEPRECATED and will be removed in a future version. Use a KongUpstreamPolicy resource instead.";
        }
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
