using System.Text;
using System.Text.Json.Nodes;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>KongUpstreamPolicy spec → Kong upstream fields (kongstate/kongupstreampolicy.go).</summary>
internal static class UpstreamPolicyMapper
{
    public static KongUpstream Apply(KongUpstream upstream, JsonObject? spec)
    {
        if (spec is null)
        {
            return upstream;
        }
        var u = upstream with
        {
            Algorithm = Str(spec, "algorithm") ?? upstream.Algorithm,
            Slots = Int(spec, "slots") ?? upstream.Slots,
        };
        if (spec["hashOn"] is JsonObject hashOn)
        {
            u = u with
            {
                HashOn = HashInput(hashOn),
                HashOnHeader = Str(hashOn, "header"),
                HashOnCookie = Str(hashOn, "cookie"),
                HashOnCookiePath = Str(hashOn, "cookiePath"),
                HashOnQueryArg = Str(hashOn, "queryArg"),
                HashOnUriCapture = Str(hashOn, "uriCapture"),
            };
        }
        if (spec["hashOnFallback"] is JsonObject fallback)
        {
            u = u with
            {
                HashFallback = HashInput(fallback),
                HashFallbackHeader = Str(fallback, "header"),
                HashFallbackQueryArg = Str(fallback, "queryArg"),
                HashFallbackUriCapture = Str(fallback, "uriCapture"),
            };
        }
        if (spec["stickySessions"] is JsonObject sticky)
        {
            u = u with
            {
                StickySessionsCookie = Str(sticky, "cookie"),
                StickySessionsCookiePath = Str(sticky, "cookiePath"),
            };
        }
        if (spec["healthchecks"] is JsonObject healthchecks)
        {
            u = u with { Healthchecks = SnakeCase(healthchecks, isHeaders: false) as JsonObject };
        }
        return u;
    }

    // hashOn: exactly one of input (ip, consumer, path, none), header, cookie, queryArg, uriCapture.
    private static string? HashInput(JsonObject hash) =>
        Str(hash, "input") ?? (hash.ContainsKey("header") ? "header"
            : hash.ContainsKey("cookie") ? "cookie"
            : hash.ContainsKey("queryArg") ? "query_arg"
            : hash.ContainsKey("uriCapture") ? "uri_capture"
            : null);

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    // Healthcheck fields are camelCase in the CRD and snake_case in Kong; header names are kept as written.
    private static JsonNode? SnakeCase(JsonNode? node, bool isHeaders) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(
            isHeaders ? p.Key : ToSnake(p.Key), SnakeCase(p.Value, !isHeaders && p.Key == "headers")))),
        JsonArray array => new JsonArray(array.Select(n => SnakeCase(n, false)).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                sb.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
