using System.Text.Json.Nodes;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>
/// HTTPRoute filters → nested route plugins, route path rewrites and ExtensionRef KongPlugin names
/// (subtranslator/httproute.go: generatePluginsFromHTTPRouteFilters and helpers).
/// </summary>
internal static class HttpRouteFilters
{
    public const string RequestHeaderModifier = "RequestHeaderModifier";
    public const string ResponseHeaderModifier = "ResponseHeaderModifier";
    public const string RequestRedirect = "RequestRedirect";
    public const string UrlRewrite = "URLRewrite";
    public const string ExtensionRef = "ExtensionRef";
    public const string ReplaceFullPath = "ReplaceFullPath";
    public const string ReplacePrefixMatch = "ReplacePrefixMatch";

    /// <summary>What the filters of a rule add to one Kong route.</summary>
    public sealed record Output(List<KongPluginEntity> Plugins, List<string> ExtensionRefPlugins, IReadOnlyList<string>? ReplacedPaths);

    public sealed class FilterException(string message) : Exception(message);

    // request-/response-transformer configuration under construction; merged per plugin name.
    private sealed class Transformer(string name)
    {
        public string Name { get; } = name;
        public List<string> ReplaceHeaders { get; } = [];
        public string Uri { get; set; } = "";
        public List<string> AddHeaders { get; } = [];
        public List<string> AppendHeaders { get; } = [];
        public List<string> RemoveHeaders { get; } = [];

        public void MergeFrom(Transformer other)
        {
            ReplaceHeaders.AddRange(other.ReplaceHeaders);
            if (Uri.Length == 0)
            {
                Uri = other.Uri;
            }

            AddHeaders.AddRange(other.AddHeaders);
            AppendHeaders.AddRange(other.AppendHeaders);
            RemoveHeaders.AddRange(other.RemoveHeaders);
        }

        public KongPluginEntity ToPlugin()
        {
            var config = new JsonObject();
            if (ReplaceHeaders.Count > 0 || Uri.Length > 0)
            {
                var replace = new JsonObject();
                if (ReplaceHeaders.Count > 0)
                {
                    replace["headers"] = Array(ReplaceHeaders);
                }

                if (Uri.Length > 0)
                {
                    replace["uri"] = Uri;
                }

                config["replace"] = replace;
            }
            if (AddHeaders.Count > 0)
            {
                config["add"] = new JsonObject { ["headers"] = Array(AddHeaders) };
            }

            if (AppendHeaders.Count > 0)
            {
                config["append"] = new JsonObject { ["headers"] = Array(AppendHeaders) };
            }

            if (RemoveHeaders.Count > 0)
            {
                config["remove"] = new JsonObject { ["headers"] = Array(RemoveHeaders) };
            }

            return new KongPluginEntity { Name = Name, Config = config };
        }

        private static JsonArray Array(List<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
    }

    /// <summary>
    /// Plugins for one route. <paramref name="path"/> is the match path the redirect and prefix rewrite use;
    /// throws <see cref="FilterException"/> with KIC's message for an unsupported or incomplete filter.
    /// </summary>
    public static Output Generate(IReadOnlyList<HttpRouteFilter>? filters, string path, IReadOnlyList<string>? tags, bool expressionRoutes, bool redirectPlugin)
    {
        if (filters is not { Count: > 0 })
        {
            return new Output([], [], null);
        }
        var transformers = new List<Transformer>();
        var plugins = new List<KongPluginEntity>();
        var extensionRefs = new List<string>();
        IReadOnlyList<string>? replacedPaths = null;
        foreach (var filter in filters)
        {
            switch (filter.Type)
            {
                case RequestHeaderModifier:
                    transformers.Add(HeaderModifier(filter.RequestHeaderModifier, "request-transformer"));
                    break;
                case ResponseHeaderModifier:
                    transformers.Add(HeaderModifier(filter.ResponseHeaderModifier, "response-transformer"));
                    break;
                case RequestRedirect:
                    var redirect = filter.RequestRedirect ?? new HttpRequestRedirectFilter();
                    if (redirectPlugin)
                    {
                        plugins.Add(RedirectPlugin(redirect));
                    }
                    else
                    {
                        var (termination, location) = LegacyRedirect(redirect, path);
                        plugins.Add(termination);
                        transformers.Add(location);
                    }
                    break;
                case ExtensionRef:
                    var ext = filter.ExtensionRef ?? new LocalObjectReference();
                    if (ext.Group != "configuration.konghq.com" || ext.Kind != "KongPlugin")
                    {
                        throw new FilterException($"plugin {ext.Group}/{ext.Kind} unsupported");
                    }
                    extensionRefs.Add(ext.Name);
                    break;
                case UrlRewrite:
                    var rewrite = filter.UrlRewrite ?? throw new FilterException("URLRewrite is not provided");
                    if (rewrite.Path is null && rewrite.Hostname is null)
                    {
                        throw new FilterException("URLRewrite missing Path and Hostname");
                    }
                    if (rewrite.Path is { } modifier)
                    {
                        var (transformer, paths) = RewritePath(modifier, path, expressionRoutes);
                        transformers.Add(transformer);
                        replacedPaths = paths ?? replacedPaths;
                    }
                    if (rewrite.Hostname is { } hostname)
                    {
                        var host = new Transformer("request-transformer");
                        host.ReplaceHeaders.Add("host:" + hostname);
                        host.AddHeaders.Add("host:" + hostname);
                        transformers.Add(host);
                    }
                    break;
                default:
                    throw new FilterException($"httpFilter {filter.Type} unsupported");
            }
        }

        // mergePluginsOfTheSameType: one plugin per transformer name, in name order, after the other plugins.
        foreach (var group in transformers.GroupBy(t => t.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var merged = new Transformer(group.Key);
            foreach (var t in group)
            {
                merged.MergeFrom(t);
            }

            plugins.Add(merged.ToPlugin());
        }
        return new Output([.. plugins.Select(p => p with { Tags = tags })], extensionRefs, replacedPaths);
    }

    /// <summary>A Transformer header string: <c>Name:value</c>, or the name alone when the value is empty.</summary>
    private static string Header(string name, string value) => value.Length == 0 ? name : name + ":" + value;

    private static Transformer HeaderModifier(HttpHeaderFilter? modifier, string pluginName)
    {
        var t = new Transformer(pluginName);
        if (modifier is null)
        {
            return t;
        }

        if (modifier.Set is { } set)
        {
            foreach (var h in set)
            {
                t.ReplaceHeaders.Add(Header(h.Name, h.Value));
                t.AddHeaders.Add(Header(h.Name, h.Value));
            }
        }
        if (modifier.Add is { } add)
        {
            t.AppendHeaders.AddRange(add.Select(h => Header(h.Name, h.Value)));
        }

        if (modifier.Remove is { } remove)
        {
            t.RemoveHeaders.AddRange(remove);
        }

        return t;
    }

    private static (KongPluginEntity Termination, Transformer Location) LegacyRedirect(HttpRequestRedirectFilter redirect, string path)
    {
        var termination = new KongPluginEntity { Name = "request-termination", Config = new JsonObject { ["status_code"] = redirect.StatusCode } };
        if (redirect.Path is { Type: ReplaceFullPath, ReplaceFullPath: { } full })
        {
            path = full;
        }
        var location = new Transformer("response-transformer");
        location.AddHeaders.Add(Header("Location", Location(redirect, path)));
        return (termination, location);
    }

    private static KongPluginEntity RedirectPlugin(HttpRequestRedirectFilter redirect)
    {
        var path = "/";
        var keep = true;
        if (redirect.Path is { Type: ReplaceFullPath, ReplaceFullPath: { } full })
        {
            path = full;
            keep = false;
        }
        return new KongPluginEntity
        {
            Name = "redirect",
            Config = new JsonObject { ["status_code"] = redirect.StatusCode, ["location"] = Location(redirect, path), ["keep_incoming_path"] = keep },
        };
    }

    // With a hostname: scheme://path.Join(host[:port], path); without: the path alone.
    private static string Location(HttpRequestRedirectFilter redirect, string path)
    {
        if (redirect.Hostname is null)
        {
            return path;
        }
        var hostPort = redirect.Hostname + (redirect.Port is int port ? ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
        var scheme = redirect.Scheme ?? "http";
        var joined = GoPath.Join(hostPort, path);
        return scheme.Length > 0 ? scheme + "://" + joined : joined;
    }

    private static (Transformer Transformer, IReadOnlyList<string>? Paths) RewritePath(HttpPathModifier modifier, string path, bool expressionRoutes)
    {
        switch (modifier.Type)
        {
            case ReplaceFullPath:
                if (modifier.ReplaceFullPath is null)
                {
                    throw new FilterException("failed to generate request-transformer plugin for Path: failed to generate request-transformer plugin for URLRewrite: URLRewrite missing ReplaceFullPath");
                }
                var full = new Transformer("request-transformer") { Uri = modifier.ReplaceFullPath };
                return (full, null);
            case ReplacePrefixMatch:
                path = NormalizePath(path);
                var root = path == "/";
                var prefix = new Transformer("request-transformer") { Uri = PrefixUri(modifier.ReplacePrefixMatch, root) };
                // The expressions router matches the capture in the expression itself.
                IReadOnlyList<string>? paths = expressionRoutes ? null : root ? ["~/$", "~/(.*)"] : [$"~{path}$", $"~{path}(/.*)"];
                return (prefix, paths);
            default:
                throw new FilterException($"failed to generate request-transformer plugin for Path: unsupported path type {modifier.Type} for URLRewrite");
        }
    }

    private static string PrefixUri(string? replacePrefixMatch, bool pathIsRoot)
    {
        if (replacePrefixMatch is null)
        {
            return "/";
        }
        var r = replacePrefixMatch.EndsWith('/') ? replacePrefixMatch[..^1] : replacePrefixMatch;
        if (r.Length == 0)
        {
            return pathIsRoot
                ? """$(uri_captures[1] == nil and "/" or "/" .. uri_captures[1])"""
                : """$(uri_captures[1] == nil and "/" or uri_captures[1])""";
        }
        return pathIsRoot ? r + """$(uri_captures[1] == nil and "" or "/" .. uri_captures[1])""" : r + "$(uri_captures[1])";
    }

    /// <summary>"" and "/" → "/", else without a trailing slash.</summary>
    public static string NormalizePath(string path) => path is "" or "/" ? "/" : path.EndsWith('/') ? path[..^1] : path;
}
