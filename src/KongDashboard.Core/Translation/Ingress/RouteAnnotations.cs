using System.Globalization;
using System.Text.RegularExpressions;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.Ingress;

/// <summary>Ingress annotations applied to every route of that Ingress (kongstate/route.go: Route.Override).</summary>
internal static partial class RouteAnnotations
{
    private static readonly HashSet<string> ValidProtocols =
        ["http", "https", "grpc", "grpcs", "tcp", "tls", "tls_passthrough", "udp", "ws", "wss"];

    public static bool IsValidProtocol(string protocol) => ValidProtocols.Contains(protocol);

    public static KongRoute Apply(KongRoute route, IDictionary<string, string>? annotations, bool expressionRoutes)
    {
        if (annotations is null || annotations.Count == 0)
        {
            return route;
        }
        route = StripPath(route, annotations);
        route = HttpsRedirect(route, annotations);
        route = PreserveHost(route, annotations);
        route = Buffering(route, annotations);
        route = Protocols(route, annotations);
        if (!expressionRoutes)
        {
            route = RegexPriority(route, annotations);
            route = Methods(route, annotations);
            route = Snis(route, annotations);
            route = HostAliases(route, annotations);
            var headers = Annotations.Headers(annotations);
            if (headers is not null)
            {
                route = route with { Headers = headers };
            }
            if (Annotations.Get(annotations, Annotations.PathHandling) is { } handling && PathHandlingPattern().IsMatch(handling))
            {
                route = route with { PathHandling = handling };
            }
            route = NormalizeProtocols(route);
        }
        return route;
    }

    private static bool? ParseBool(string? value) => value?.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    private static KongRoute StripPath(KongRoute route, IDictionary<string, string> a) =>
        ParseBool(Annotations.Get(a, Annotations.StripPath)) is { } b ? route with { StripPath = b } : route;

    private static KongRoute PreserveHost(KongRoute route, IDictionary<string, string> a) =>
        ParseBool(Annotations.Get(a, Annotations.PreserveHost)) is { } b ? route with { PreserveHost = b } : route;

    private static KongRoute Buffering(KongRoute route, IDictionary<string, string> a)
    {
        // strconv.ParseBool accepts 1/t/T/TRUE/true/True and the false equivalents.
        if (GoParseBool(Annotations.Get(a, Annotations.RequestBuffering)) is { } request)
        {
            route = route with { RequestBuffering = request };
        }
        if (GoParseBool(Annotations.Get(a, Annotations.ResponseBuffering)) is { } response)
        {
            route = route with { ResponseBuffering = response };
        }
        return route;
    }

    private static bool? GoParseBool(string? value) => value?.ToLowerInvariant() switch
    {
        "1" or "t" or "true" => true,
        "0" or "f" or "false" => false,
        _ => null,
    };

    private static KongRoute HttpsRedirect(KongRoute route, IDictionary<string, string> a)
    {
        if (Annotations.Get(a, Annotations.ForceSslRedirect) == "true")
        {
            route = route with { HttpsRedirectStatusCode = 302, Protocols = SslProtocols(route.Protocols) };
        }
        if (int.TryParse(Annotations.Get(a, Annotations.HttpsRedirectStatusCode), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
            && code is 426 or 301 or 302 or 307 or 308)
        {
            route = route with { HttpsRedirectStatusCode = code };
        }
        return route;
    }

    // useSSLProtocol: https and/or grpcs depending on the current protocols (default http+https).
    private static List<string> SslProtocols(IReadOnlyList<string>? current)
    {
        bool grpc = false, http = false;
        foreach (var p in current ?? ["http", "https"])
        {
            grpc |= p.Contains("grpc", StringComparison.Ordinal);
            http |= p.Contains("http", StringComparison.Ordinal);
        }
        var result = new List<string>();
        if (grpc)
        {
            result.Add("grpcs");
        }

        if (http || !grpc)
        {
            result.Add("https");
        }

        return result;
    }

    private static KongRoute Protocols(KongRoute route, IDictionary<string, string> a)
    {
        var value = Annotations.Get(a, Annotations.Protocols);
        if (string.IsNullOrEmpty(value))
        {
            return route;
        }
        var protocols = value.Split(',');
        return protocols.All(IsValidProtocol) ? route with { Protocols = protocols } : route;
    }

    private static KongRoute NormalizeProtocols(KongRoute route)
    {
        if (route.Protocols is null)
        {
            return route;
        }
        bool grpc = false, http = false;
        foreach (var p in route.Protocols)
        {
            grpc |= p.Contains("grpc", StringComparison.Ordinal);
            http |= p.Contains("http", StringComparison.Ordinal) || !IsValidProtocol(p);
        }
        if (grpc && http)
        {
            route = route with { Protocols = ["http", "https"] };
        }
        return grpc ? route with { StripPath = null } : route;
    }

    private static KongRoute RegexPriority(KongRoute route, IDictionary<string, string> a) =>
        int.TryParse(Annotations.Get(a, Annotations.RegexPriority), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)
            ? route with { RegexPriority = p }
            : route;

    /// <summary>Upper-cased methods; any invalid method discards the annotation.</summary>
    public static string[]? ParseMethods(IDictionary<string, string>? a)
    {
        var methods = Annotations.List(a, Annotations.Methods);
        if (methods is null)
        {
            return null;
        }
        return methods.Select(m => m.Trim().ToUpperInvariant()).ToArray();
    }

    private static KongRoute Methods(KongRoute route, IDictionary<string, string> a)
    {
        var methods = ParseMethods(a);
        return methods is not null && methods.All(m => ValidMethod().IsMatch(m)) ? route with { Methods = methods } : route;
    }

    private static KongRoute Snis(KongRoute route, IDictionary<string, string> a)
    {
        if (!a.TryGetValue(Annotations.Snis, out var value))
        {
            return route;
        }
        // An empty value explicitly sets "no SNI criteria".
        var snis = value.Length == 0 ? [] : value.Split(',');
        return snis.All(s => ValidSni().IsMatch(s)) ? route with { Snis = snis.Length == 0 ? null : snis } : route;
    }

    private static KongRoute HostAliases(KongRoute route, IDictionary<string, string> a)
    {
        var aliases = Annotations.List(a, Annotations.HostAliases);
        if (aliases is null)
        {
            return route;
        }
        var hosts = new List<string>(route.Hosts ?? []);
        foreach (var alias in aliases)
        {
            if (!ValidHost().IsMatch(alias))
            {
                return route;
            }
            if (!hosts.Contains(alias))
            {
                hosts.Add(alias);
            }
        }
        return route with { Hosts = hosts };
    }

    [GeneratedRegex(@"v\d")]
    private static partial Regex PathHandlingPattern();

    [GeneratedRegex(@"\A[A-Z]+$")]
    internal static partial Regex ValidMethod();

    [GeneratedRegex(@"^([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)+(\.([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*))*$")]
    internal static partial Regex ValidSni();

    [GeneratedRegex(@"^(\*\.)?([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*)+(\.([a-zA-Z0-9]+(-[a-zA-Z0-9]+)*))*?(\.\*)?$")]
    internal static partial Regex ValidHost();
}
