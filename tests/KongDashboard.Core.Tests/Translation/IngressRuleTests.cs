using KongDashboard.Core.Translation;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Translation;

/// <summary>Ingress rules and annotations not covered by the golden set; expectations from KIC's rules (see each test).</summary>
public class IngressRuleTests
{
    // kongstate/route_test.go: TestOverrideMethods / TestOverrideHeaders / TestOverrideHostAliases / TestOverrideRegexPriority …
    [Fact]
    public void RouteAnnotations_AreApplied()
    {
        var result = Translate(Ingress("ing", annotations: """
                konghq.com/methods: "get, POST"
                konghq.com/headers.x-foo: "a,b"
                konghq.com/protocols: "https"
                konghq.com/host-aliases: "alias.example.com,example.com"
                konghq.com/regex-priority: "10"
                konghq.com/https-redirect-status-code: "301"
                konghq.com/preserve-host: "false"
                konghq.com/strip-path: "TRUE"
                konghq.com/path-handling: "v1"
                konghq.com/request-buffering: "false"
                konghq.com/response-buffering: "false"
                konghq.com/snis: "a.example.com"
            """) + Service());
        var route = result.OnlyRoute();
        Assert.Equal(["GET", "POST"], route.Methods);
        Assert.Equal(["a", "b"], route.Headers!["x-foo"]);
        Assert.Equal(["https"], route.Protocols);
        Assert.Equal(["example.com", "alias.example.com"], route.Hosts);
        Assert.Equal(10, route.RegexPriority);
        Assert.Equal(301, route.HttpsRedirectStatusCode);
        Assert.False(route.PreserveHost);
        Assert.True(route.StripPath);
        Assert.Equal("v1", route.PathHandling);
        Assert.False(route.RequestBuffering);
        Assert.False(route.ResponseBuffering);
        Assert.Equal(["a.example.com"], route.Snis);
        Assert.Empty(result.Failures);
    }

    // kongstate/route.go: useSSLProtocol; invalid protocols leave the route untouched (overrideProtocols).
    [Fact]
    public void ForceSslRedirect_SetsHttpsAnd302_AndInvalidProtocolsAreIgnored()
    {
        var route = Translate(Ingress("ing", annotations: """
                ingress.kubernetes.io/force-ssl-redirect: "true"
                konghq.com/methods: "GET,PO ST"
            """) + Service()).OnlyRoute();
        Assert.Equal(302, route.HttpsRedirectStatusCode);
        Assert.Equal(["https"], route.Protocols);
        Assert.Null(route.Methods);

        var grpc = Translate(Ingress("ing", annotations: """
                konghq.com/protocols: "grpc,grpcs"
                konghq.com/strip-path: "true"
            """) + Service()).OnlyRoute();
        Assert.Equal(["grpc", "grpcs"], grpc.Protocols);
        Assert.Null(grpc.StripPath); // grpc routes don't accept strip_path (normalizeProtocols)
    }

    // subtranslator/ingress_test.go: path types and wildcard hosts.
    [Theory]
    [InlineData("Prefix", "/foo/", new[] { "/foo/", "~/foo$" })]
    [InlineData("Prefix", "/", new[] { "/" })]
    [InlineData("Exact", "/foo/", new[] { "~/foo/$" })]
    [InlineData("ImplementationSpecific", "//a///b", new[] { "/a/b" })]
    [InlineData("ImplementationSpecific", "/~/x/[0-9]+", new[] { "~/x/[0-9]+" })]
    public void PathTypes(string pathType, string path, string[] expected)
    {
        Assert.Equal(expected, Translate(Ingress("ing", path: path, pathType: pathType) + Service()).OnlyRoute().Paths);
    }

    [Fact]
    public void WildcardHost_UnderscoreInNameOnly()
    {
        var route = Translate(Ingress("ing", host: "*.example.com") + Service()).OnlyRoute();
        Assert.Equal("default.ing.svc._.example.com.80", route.Name);
        Assert.Equal(["*.example.com"], route.Hosts);
    }

    // Expressions router: ingress_atc.go (wildcard host ⇒ suffix match, no plain-host bit).
    [Fact]
    public void ExpressionRoute_WildcardHostAndPrefix()
    {
        var route = Translate(Ingress("ing", host: "*.example.com", path: "/foo", pathType: "Prefix") + Service(),
            FeatureGates.Default with { ExpressionRoutes = true }).OnlyRoute();
        Assert.Equal("(http.host =^ \".example.com\") && ((http.path == \"/foo\") || (http.path ^= \"/foo/\"))", route.Expression);
        Assert.Equal((3UL << 44) + (2UL << 41) + (1UL << 16) + 5, route.Priority);
        Assert.Null(route.Paths);
        Assert.Null(route.PathHandling);
    }

    // store.go: ListIngressesV1 class selection.
    [Fact]
    public void ClassSelection()
    {
        var other = Ingress("other").Replace("kubernetes.io/ingress.class: kong", "kubernetes.io/ingress.class: nginx");
        var unclassed = Ingress("unclassed").Replace("kubernetes.io/ingress.class: kong", "x: y");
        Assert.Single(Translate(other + unclassed + Ingress("mine", host: "m.example.com") + Service()).Config.AllRoutes());
        var defaultClass = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: kong
              annotations:
                ingressclass.kubernetes.io/is-default-class: "true"
            spec:
              controller: ingress-controllers.konghq.com/kong

            """;
        Assert.Equal(2, Translate(defaultClass + other + unclassed + Ingress("mine", host: "m.example.com") + Service()).Config.AllRoutes().Count());
        Assert.Single(Translate(Ingress("mine").Replace("kubernetes.io/ingress.class: kong", "kubernetes.io/ingress.class: custom") + Service(), ingressClass: "custom").Config.AllRoutes());
    }

    // Failures keep KIC's messages; the rest is still translated.
    [Fact]
    public void MissingServiceAndPlugin_AreFailures_OtherIngressesSurvive()
    {
        var result = Translate(
            Ingress("broken", service: "nope", host: "b.example.com", annotations: "    konghq.com/plugins: missing") +
            Ingress("fine", host: "f.example.com") + Service());
        Assert.Equal(2, result.Config.AllRoutes().Count());
        var messages = result.Failures.Select(f => f.Message).ToList();
        Assert.Contains("failed to resolve Kubernetes Service for backend: failed to fetch Service default/nope: Service default/nope not found", messages);
        Assert.Contains("can't add target for backend nope: no kubernetes service found", messages);
        Assert.Contains("referenced KongPlugin or KongClusterPlugin \"missing\" does not exist", messages);
        var unknown = result.Config.Services!.Single(s => s.Name == "default.nope.80");
        Assert.Contains("k8s-name:UNKNOWN", unknown.Tags!);
    }

    [Fact]
    public void MissingPort_IsAFailure()
    {
        var result = Translate(Ingress("ing", port: "number: 8080") + Service());
        var failure = Assert.Single(result.Failures);
        Assert.Equal("can't find port for backend kubernetes service: no suitable port found", failure.Message);
        Assert.Equal(["Service default/svc", "Ingress default/ing"], failure.CausingObjects.Select(o => o.ToString()));
        Assert.Equal(80, result.OnlyService().Port);
    }

    [Fact]
    public void RewriteWithoutGate_IsAFailure()
    {
        var result = Translate(Ingress("ing", annotations: "    konghq.com/rewrite: /x/$1") + Service());
        Assert.Equal("konghq.com/rewrite annotation not supported when rewrite uris disabled", Assert.Single(result.Failures).Message);
        var withGate = Translate(Ingress("ing", annotations: "    konghq.com/rewrite: /x/$1") + Service(), FeatureGates.Default with { RewriteURIs = true });
        var plugin = Assert.Single(withGate.Config.Plugins!);
        Assert.Equal("/x/$(uri_captures[1])", plugin.Config!["replace"]!["uri"]!.GetValue<string>());
    }
}
