namespace KongDashboard.Core.Translation;

/// <summary>Annotation keys and parsers (internal/annotations/annotations.go).</summary>
internal static class Annotations
{
    public const string IngressClass = "kubernetes.io/ingress.class";
    public const string DefaultIngressClass = "ingressclass.kubernetes.io/is-default-class";
    public const string Plugins = "konghq.com/plugins";
    public const string Protocol = "konghq.com/protocol";
    public const string Protocols = "konghq.com/protocols";
    public const string ClientCert = "konghq.com/client-cert";
    public const string StripPath = "konghq.com/strip-path";
    public const string Path = "konghq.com/path";
    public const string HttpsRedirectStatusCode = "konghq.com/https-redirect-status-code";
    public const string ForceSslRedirect = "ingress.kubernetes.io/force-ssl-redirect";
    public const string PreserveHost = "konghq.com/preserve-host";
    public const string RegexPriority = "konghq.com/regex-priority";
    public const string HostHeader = "konghq.com/host-header";
    public const string Methods = "konghq.com/methods";
    public const string Snis = "konghq.com/snis";
    public const string RequestBuffering = "konghq.com/request-buffering";
    public const string ResponseBuffering = "konghq.com/response-buffering";
    public const string HostAliases = "konghq.com/host-aliases";
    public const string RegexPrefix = "konghq.com/regex-prefix";
    public const string ConnectTimeout = "konghq.com/connect-timeout";
    public const string WriteTimeout = "konghq.com/write-timeout";
    public const string ReadTimeout = "konghq.com/read-timeout";
    public const string Retries = "konghq.com/retries";
    public const string HeadersPrefix = "konghq.com/headers.";
    public const string HeadersSeparator = "konghq.com/headers-separator";
    public const string PathHandling = "konghq.com/path-handling";
    public const string Rewrite = "konghq.com/rewrite";
    public const string UpstreamPolicy = "konghq.com/upstream-policy";
    public const string Override = "konghq.com/override";
    public const string CaCertificatesConfigMaps = "konghq.com/ca-certificates-configmaps";
    public const string TlsVerify = "konghq.com/tls-verify";
    public const string TlsVerifyDepth = "konghq.com/tls-verify-depth";
    public const string CaCertificatesSecrets = "konghq.com/ca-certificates-secrets";
    public const string ServiceUpstream = "ingress.kubernetes.io/service-upstream";
    public const string Broken = "test.konghq.com/broken";

    public static string? Get(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary><c>konghq.com/plugins</c>: comma list of <c>name</c> or <c>namespace:name</c>.</summary>
    public static IReadOnlyList<(string? Namespace, string Name)> PluginRefs(IDictionary<string, string>? annotations)
    {
        var value = Get(annotations, Plugins);
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }
        var result = new List<(string?, string)>();
        foreach (var raw in value.Split(','))
        {
            // kubernetes-configuration metadata.ExtractPluginsNamespacedNames: blank items and a ':' at either end are dropped.
            var item = raw.Trim();
            if (item.Length == 0 || item[0] == ':' || item[^1] == ':')
            {
                continue;
            }
            var colon = item.IndexOf(':');
            if (colon >= 0)
            {
                var parts = item.Split(':');
                result.Add((parts[0].Trim(), parts[1].Trim()));
            }
            else
            {
                result.Add((null, item.Trim()));
            }
        }
        return result;
    }

    /// <summary><c>konghq.com/headers.*</c> → header name → values (ExtractHeaders).</summary>
    public static SortedDictionary<string, IReadOnlyList<string>>? Headers(IDictionary<string, string>? annotations)
    {
        if (annotations is null)
        {
            return null;
        }
        var separator = Get(annotations, HeadersSeparator) ?? ",";
        SortedDictionary<string, IReadOnlyList<string>>? headers = null;
        foreach (var (key, value) in annotations)
        {
            if (!key.StartsWith(HeadersPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var header = key[HeadersPrefix.Length..];
            if (header.Length == 0 || value.Length == 0)
            {
                continue;
            }
            headers ??= new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            headers[header] = value.Split(separator).Select(v => v.Trim()).ToList();
        }
        return headers;
    }

    /// <summary>Comma list, or null when the annotation is missing or empty.</summary>
    public static string[]? List(IDictionary<string, string>? annotations, string key)
    {
        var value = Get(annotations, key);
        return string.IsNullOrEmpty(value) ? null : value.Split(',');
    }
}
