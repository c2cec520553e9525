using KongDashboard.Core.Kong;
using KongDashboard.Core.Translation;
using static KongDashboard.Core.Tests.Translation.GatewayApi.GatewayApiYaml;

namespace KongDashboard.Core.Tests.Translation.GatewayApi;

/// <summary>HTTPRoute rules the golden sample does not show (rules from KIC 3.5's subtranslator/httproute*.go).</summary>
public class HttpRouteTranslationTests
{
    private static TranslationResult Translate(string yaml, bool expressions = false, bool redirectPlugin = false) =>
        new Translator(new TranslatorOptions
        {
            FeatureGates = FeatureGates.Default with { ExpressionRoutes = expressions, SupportRedirectPlugin = redirectPlugin },
        }).Translate(TranslationTestKit.Snapshot(yaml));

    private static KongService ServiceNamed(TranslationResult r, string name) => Assert.Single(r.Config.Services!, s => s.Name == name);

    private const string PrefixRewrite = """
        rules:
        - matches:
          - path: {type: PathPrefix, value: /prefix}
          filters:
          - type: URLRewrite
            urlRewrite:
              path: {type: ReplacePrefixMatch, replacePrefixMatch: /new-prefix}
          backendRefs:
          - {name: svc, kind: Service, port: 80}
        """;

    [Fact]
    public void UrlRewritePrefix_RewritesPathsAndUri_Traditional()
    {
        var result = Translate(Service("svc") + HttpRoute("rw", PrefixRewrite));
        Assert.Empty(result.Failures);
        var route = Assert.Single(ServiceNamed(result, "httproute.default.rw.0").Routes!);
        Assert.Equal(["~/prefix$", "~/prefix(/.*)"], route.Paths);
        Assert.False(route.StripPath);
        var plugin = Assert.Single(route.Plugins!);
        Assert.Equal("request-transformer", plugin.Name);
        Assert.Equal("/new-prefix$(uri_captures[1])", plugin.Config!["replace"]!["uri"]!.GetValue<string>());
        Assert.Null(plugin.Id);
        Assert.Equal(route.Tags, plugin.Tags);
    }

    [Fact]
    public void UrlRewritePrefix_ExpressionAndPriority()
    {
        var route = Assert.Single(ServiceNamed(Translate(Service("svc") + HttpRoute("rw", PrefixRewrite), expressions: true), "httproute.default.rw.0").Routes!);
        Assert.Equal("httproute.default.rw._.0.0", route.Name);
        Assert.Equal("""(http.path == "/prefix") || (http.path ~ "^/prefix(/.*)")""", route.Expression);
        Assert.Equal(35184422424575UL, route.Priority);
        Assert.Null(route.PathHandling);
    }

    [Fact]
    public void LegacyRedirect_IsTerminationPlusLocationHeader_RedirectPluginWhenSupported()
    {
        const string spec = """
            rules:
            - matches:
              - path: {type: Exact, value: /kong}
              filters:
              - type: RequestRedirect
                requestRedirect: {hostname: konghq.com, statusCode: 301}
            """;
        var legacy = Assert.Single(Translate(HttpRoute("redir", spec)).Config.Services!).Routes!.Single();
        Assert.Equal(["response-transformer", "request-termination"], legacy.Plugins!.Select(p => p.Name));
        Assert.Equal(301, legacy.Plugins![1].Config!["status_code"]!.GetValue<int>());
        Assert.Equal("Location:http://konghq.com/kong", legacy.Plugins![0].Config!["add"]!["headers"]![0]!.GetValue<string>());

        var plugin = Assert.Single(Assert.Single(Translate(HttpRoute("redir", spec), redirectPlugin: true).Config.Services!).Routes!.Single().Plugins!);
        Assert.Equal("redirect", plugin.Name);
        Assert.Equal("http://konghq.com", plugin.Config!["location"]!.GetValue<string>());
        Assert.True(plugin.Config["keep_incoming_path"]!.GetValue<bool>());
    }

    [Fact]
    public void HeaderModifiers_MergeIntoTransformers()
    {
        const string spec = """
            rules:
            - matches:
              - path: {type: PathPrefix, value: /}
              filters:
              - type: RequestHeaderModifier
                requestHeaderModifier:
                  set: [{name: X-Set, value: a}]
                  add: [{name: X-Add, value: b}]
                  remove: [X-Gone]
              - type: ResponseHeaderModifier
                responseHeaderModifier:
                  add: [{name: X-Resp, value: c}]
              - type: URLRewrite
                urlRewrite: {hostname: internal.example}
            """;
        var route = Assert.Single(Assert.Single(Translate(HttpRoute("hdr", spec)).Config.Services!).Routes!);
        Assert.Equal(["response-transformer", "request-transformer"], route.Plugins!.Select(p => p.Name));
        var request = route.Plugins![1].Config!;
        Assert.Equal("""["X-Set:a","host:internal.example"]""", request["replace"]!["headers"]!.ToJsonString());
        Assert.Equal("""["X-Set:a","host:internal.example"]""", request["add"]!["headers"]!.ToJsonString());
        Assert.Equal("""["X-Add:b"]""", request["append"]!["headers"]!.ToJsonString());
        Assert.Equal("""["X-Gone"]""", request["remove"]!["headers"]!.ToJsonString());
        Assert.Equal("""{"append":{"headers":["X-Resp:c"]}}""", route.Plugins![0].Config!.ToJsonString());
        Assert.Equal(["~/$", "/"], route.Paths);
    }

    [Fact]
    public void UnsupportedFilter_FailsItsServiceOnly()
    {
        const string spec = """
            rules:
            - matches:
              - path: {type: PathPrefix, value: /mirror}
              filters:
              - type: RequestMirror
                requestMirror:
                  backendRef: {name: svc, port: 80}
              backendRefs:
              - {name: svc, kind: Service, port: 80}
            - matches:
              - path: {type: PathPrefix, value: /ok}
            """;
        var result = Translate(Service("svc") + HttpRoute("mirror", spec));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("HTTPRoute can't be routed: httpFilter RequestMirror unsupported", failure.Message);
        Assert.Equal(("HTTPRoute", "default", "mirror"), (failure.CausingObjects[0].Kind, failure.CausingObjects[0].Namespace, failure.CausingObjects[0].Name));
        // Positive control: the rule without the filter still has its service.
        Assert.Equal("httproute.default.mirror.1", Assert.Single(result.Config.Services!).Name);
    }

    [Fact]
    public void NoRules_AndQueryParamsWithTraditionalRouter_AreFailures()
    {
        var result = Translate(HttpRoute("empty", "parentRefs: [{name: kong}]") + HttpRoute("query", """
            rules:
            - matches:
              - queryParams: [{name: q, value: v}]
            """));
        Assert.Equal(
            ["HTTPRoute can't be routed: no rules provided", "HTTPRoute can't be routed: query param matches are not yet supported"],
            result.Failures.Select(f => f.Message).Order(StringComparer.Ordinal));
        Assert.Null(result.Config.Services);

        // The expressions router supports query params.
        var expr = Translate(HttpRoute("query", """
            rules:
            - matches:
              - queryParams: [{name: q, value: v}, {name: a, type: RegularExpression, value: "^x"}]
                headers: [{name: X-B, value: "2"}, {name: X-A, value: "1"}]
                method: GET
            """), expressions: true);
        Assert.Empty(expr.Failures);
        var route = Assert.Single(Assert.Single(expr.Config.Services!).Routes!);
        Assert.Equal(
            """((http.headers.x_a == "1") && (http.headers.x_b == "2")) && ((http.queries.a ~ "^x") && (http.queries.q == "v")) && (http.method == "GET")""",
            route.Expression);
        // kind 2, method bit, 2 headers, 2 query params, unique → relative order 4095.
        Assert.Equal((2UL << 44) + (1UL << 22) + (2UL << 17) + (2UL << 12) + 4095, route.Priority);
    }

    [Fact]
    public void MatchesWithSameHeadersMerge_HeadersAndMethods()
    {
        const string spec = """
            hostnames: ["a.example.com", "*.wild.example.com"]
            rules:
            - matches:
              - path: {type: Exact, value: /exact}
                headers: [{name: X-Env, value: prod}, {name: X-Re, type: RegularExpression, value: "^v[0-9]"}]
                method: POST
              - path: {type: RegularExpression, value: "/re/\\d+"}
                headers: [{name: x-env, value: prod}, {name: X-Re, type: RegularExpression, value: "^v[0-9]"}]
                method: POST
            """;
        var route = Assert.Single(Assert.Single(Translate(HttpRoute("m", spec)).Config.Services!).Routes!);
        Assert.Equal("httproute.default.m.0.0", route.Name);
        Assert.Equal(["~/exact$", @"~/re/\d+"], route.Paths);
        Assert.Equal(["POST"], route.Methods);
        Assert.Equal(["a.example.com", "*.wild.example.com"], route.Hosts);
        Assert.Equal(["prod"], route.Headers!["X-Env"]);
        Assert.Equal(["~*^v[0-9]"], route.Headers!["X-Re"]);
    }

    [Fact]
    public void DuplicateHeaderMatch_IsAFailure()
    {
        var result = Translate(HttpRoute("dup", """
            rules:
            - matches:
              - headers: [{name: X-A, value: "1"}, {name: X-A, value: "2"}]
            """));
        Assert.Equal("HTTPRoute can't be routed: multiple header matches for the same header are not allowed: X-A", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public void BackendTimeout_SetsServiceTimeouts()
    {
        var service = Assert.Single(Translate(Service("svc") + HttpRoute("t", """
            rules:
            - timeouts: {backendRequest: 1m30s}
              backendRefs:
              - {name: svc, kind: Service, port: 80}
            """)).Config.Services!);
        Assert.Equal((90000, 90000, 90000), (service.ConnectTimeout, service.ReadTimeout, service.WriteTimeout));
        // A rule without matches: one catch-all route with no paths or strip_path.
        var route = Assert.Single(service.Routes!);
        Assert.Equal("httproute.default.t.0.0", route.Name);
        Assert.Null(route.Paths);
        Assert.Null(route.StripPath);
    }

    [Fact]
    public void ExtensionRef_AttachesKongPluginToTheRoute_AndRejectsOtherKinds()
    {
        const string plugin = """
            ---
            apiVersion: configuration.konghq.com/v1
            kind: KongPlugin
            metadata: {name: auth, namespace: default}
            plugin: key-auth
            """;
        var result = Translate(plugin + "\n" + HttpRoute("ext", """
            rules:
            - matches:
              - path: {type: PathPrefix, value: /ext}
              filters:
              - type: ExtensionRef
                extensionRef: {group: configuration.konghq.com, kind: KongPlugin, name: auth}
            """));
        Assert.Empty(result.Failures);
        var attached = Assert.Single(result.Config.Plugins!);
        Assert.Equal(("key-auth", "httproute.default.ext.0.0"), (attached.Name, attached.Route));
        Assert.Equal(KongIds.Plugin("key-auth", null, "httproute.default.ext.0.0", null, null), attached.Id);

        var wrong = Translate(HttpRoute("ext", """
            rules:
            - filters:
              - type: ExtensionRef
                extensionRef: {group: example.com, kind: Widget, name: w}
              matches:
              - path: {type: PathPrefix, value: /ext}
            """));
        Assert.Equal("HTTPRoute can't be routed: plugin example.com/Widget unsupported", Assert.Single(wrong.Failures).Message);
    }

    [Fact]
    public void MissingKongPlugin_FromAnnotation_IsAFailureOnTheRoute()
    {
        var result = Translate(HttpRoute("p", "rules:\n- matches:\n  - path: {type: PathPrefix, value: /p}", annotations: "konghq.com/plugins: nope"));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("referenced KongPlugin or KongClusterPlugin \"nope\" does not exist", failure.Message);
        Assert.Equal("HTTPRoute", failure.CausingObjects[0].Kind);
    }

    [Fact]
    public void ProtocolsComeFromGatewayListeners()
    {
        var yaml = Gateway("gw", "kong", "- {name: http, protocol: HTTP, port: 80}\n- {name: https, protocol: HTTPS, port: 443}")
            + HttpRoute("a", "parentRefs: [{name: gw}]\nrules:\n- matches:\n  - path: {type: PathPrefix, value: /a}")
            + HttpRoute("b", "parentRefs: [{name: gw, sectionName: https}]\nrules:\n- matches:\n  - path: {type: PathPrefix, value: /b}");
        var services = Translate(yaml).Config.Services!;
        Assert.Equal(["http", "https"], services.Single(s => s.Name == "httproute.default.a.0").Routes!.Single().Protocols);
        Assert.Equal(["https"], services.Single(s => s.Name == "httproute.default.b.0").Routes!.Single().Protocols);
    }
}
