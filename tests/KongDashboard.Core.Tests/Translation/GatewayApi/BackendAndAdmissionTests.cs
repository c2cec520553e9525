using KongDashboard.Core.Translation;
using KongDashboard.Core.Translation.GatewayApi;
using static KongDashboard.Core.Tests.Translation.GatewayApi.GatewayApiYaml;

namespace KongDashboard.Core.Tests.Translation.GatewayApi;

/// <summary>Backends (ReferenceGrant, weights, targets) and which routes KIC's Gateway controllers admit.</summary>
public class BackendAndAdmissionTests
{
    private static TranslationResult Translate(string yaml, string controller = "", bool expressions = false, bool alpha = false) =>
        new Translator(new TranslatorOptions
        {
            GatewayControllerName = controller,
            FeatureGates = FeatureGates.Default with { ExpressionRoutes = expressions, GatewayAlpha = alpha },
        }).Translate(TranslationTestKit.Snapshot(yaml));

    private const string Grant = """
        ---
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: {name: allow, namespace: other}
        spec:
          from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default}]
          to: [{group: "", kind: Service}]
        """;

    private static string CrossNamespaceRoute(int? weight = null) => HttpRoute("cross", $$"""
        rules:
        - matches:
          - path: {type: PathPrefix, value: /x}
          backendRefs:
          - {name: remote, namespace: other, kind: Service, port: 80{{(weight is int w ? $", weight: {w}" : "")}}}
        """);

    [Fact]
    public void CrossNamespaceBackend_NeedsAReferenceGrant()
    {
        var objects = Service("remote", ns: "other") + Slice("remote", "other", "10.0.0.1");
        var granted = Translate(objects + Grant + "\n" + CrossNamespaceRoute());
        var upstream = Assert.Single(granted.Config.Upstreams!);
        Assert.Equal("10.0.0.1:8080", Assert.Single(upstream.Targets!).Target);
        Assert.Contains("k8s-name:remote", granted.Config.Services![0].Tags!);
        Assert.Null(granted.Config.Services![0].Plugins);

        // Without the grant the backend is dropped (KIC only logs it): unknown tags and KIC's 500 termination plugin.
        var denied = Translate(objects + CrossNamespaceRoute());
        var service = Assert.Single(denied.Config.Services!);
        Assert.Equal(KubernetesTags.UnknownService, service.Tags);
        var termination = Assert.Single(service.Plugins!);
        Assert.Equal("""{"status_code":500,"message":"no existing backendRef provided"}""", termination.Config!.ToJsonString());
        Assert.Null(Assert.Single(denied.Config.Upstreams!).Targets);
    }

    [Fact]
    public void Weights_ShareAcrossTargets_ZeroDrains()
    {
        var objects = Service("a") + Slice("a", "default", "10.0.0.1", "10.0.0.2") + Service("b") + Slice("b", "default", "10.0.1.1");
        var route = HttpRoute("w", """
            rules:
            - matches:
              - path: {type: PathPrefix, value: /}
              backendRefs:
              - {name: a, kind: Service, port: 80, weight: 75}
              - {name: b, kind: Service, port: 80, weight: 0}
            """);
        var upstream = Assert.Single(Translate(objects + route).Config.Upstreams!);
        Assert.Equal([("10.0.1.1:8080", (int?)0), ("10.0.0.2:8080", 37), ("10.0.0.1:8080", 37)], upstream.Targets!.Select(t => (t.Target!, t.Weight)));
        // Two backends: the service carries the HTTPRoute's tags.
        Assert.Contains("k8s-kind:HTTPRoute", upstream.Tags!);
    }

    [Fact]
    public void MissingServicePort_IsAFailureOnServiceAndRoute()
    {
        var result = Translate(Service("svc", port: 80) + HttpRoute("p", """
            rules:
            - backendRefs:
              - {name: svc, kind: Service, port: 81}
            """));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("can't find port for backend kubernetes service: no suitable port found", failure.Message);
        Assert.Equal(["Service", "HTTPRoute"], failure.CausingObjects.Select(o => o.Kind));
        Assert.Null(Assert.Single(result.Config.Services!).Port);
    }

    private static string Admitted(string listeners, string route, string ns = "default", bool unmanaged = true, string status = "", string extra = "") =>
        GatewayClass("kong", unmanaged: unmanaged) + GatewayClass("other", controller: "example.com/other")
        + Gateway("gw", "kong", listeners, status: status) + Gateway("foreign", "other", "- {name: http, protocol: HTTP, port: 80}")
        + Service("svc", ns: ns) + extra + route;

    private static string RouteTo(string parent, string ns = "default", string hostnames = "", string sectionName = "", string parentNs = "default") =>
        HttpRoute("r", $$"""
            parentRefs: [{name: {{parent}}, namespace: {{parentNs}}{{(sectionName.Length > 0 ? ", sectionName: " + sectionName : "")}}}]
            {{hostnames}}
            rules:
            - matches:
              - path: {type: PathPrefix, value: /r}
              backendRefs:
              - {name: svc, kind: Service, port: 80}
            """, ns: ns);

    [Fact]
    public void WithControllerName_OnlyRoutesOfControlledGatewaysAreTranslated()
    {
        const string listeners = "- {name: http, protocol: HTTP, port: 80}";
        // Positive control: attached to a Gateway of an unmanaged class this controller owns.
        Assert.Single(Translate(Admitted(listeners, RouteTo("gw")), KicController).Config.Services!);
        // A Gateway of another controller, a missing Gateway: not translated.
        Assert.Null(Translate(Admitted(listeners, RouteTo("foreign")), KicController).Config.Services);
        Assert.Null(Translate(Admitted(listeners, RouteTo("missing")), KicController).Config.Services);
        // Without a controller name (KIC's golden runner) every route is translated as written.
        Assert.Single(Translate(Admitted(listeners, RouteTo("missing"))).Config.Services!);
    }

    [Fact]
    public void ManagedGateway_NeedsAcceptedAndProgrammedListenerStatus()
    {
        const string listeners = "- {name: http, protocol: HTTP, port: 80}";
        const string status = """
            conditions: [{type: Accepted, status: "True", reason: Accepted, message: ok, lastTransitionTime: "2024-01-01T00:00:00Z"}]
            listeners:
            - name: http
              attachedRoutes: 0
              supportedKinds: [{group: gateway.networking.k8s.io, kind: HTTPRoute}]
              conditions: [{type: Programmed, status: "True", reason: Programmed, message: ok, lastTransitionTime: "2024-01-01T00:00:00Z"}]
            """;
        Assert.Single(Translate(Admitted(listeners, RouteTo("gw"), unmanaged: false, status: status), KicController).Config.Services!);
        Assert.Null(Translate(Admitted(listeners, RouteTo("gw"), unmanaged: false), KicController).Config.Services);
    }

    [Fact]
    public void AllowedRoutesNamespaces_SameAllSelector()
    {
        const string same = "- {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: Same}}}";
        const string all = "- {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}";
        const string selector = "- {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {team: a}}}}}";
        var teamA = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels: {team: a}\n";
        var teamB = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels: {team: b}\n";
        var cross = RouteTo("gw", ns: "apps");

        Assert.Single(Translate(Admitted(same, RouteTo("gw")), KicController).Config.Services!);
        Assert.Null(Translate(Admitted(same, cross, ns: "apps"), KicController).Config.Services);
        Assert.Single(Translate(Admitted(all, cross, ns: "apps"), KicController).Config.Services!);
        Assert.Single(Translate(Admitted(selector, cross, ns: "apps", extra: teamA), KicController).Config.Services!);
        Assert.Null(Translate(Admitted(selector, cross, ns: "apps", extra: teamB), KicController).Config.Services);
    }

    [Fact]
    public void ListenerHostname_NarrowsRouteHostnames_AndMustIntersect()
    {
        const string listeners = "- {name: http, protocol: HTTP, port: 80, hostname: \"foo.example.com\"}\n- {name: other, protocol: HTTP, port: 8080, hostname: \"*.other.com\"}";
        var wildcard = Translate(Admitted(listeners, RouteTo("gw", hostnames: "hostnames: [\"*.example.com\"]", sectionName: "http")), KicController);
        Assert.Equal(["foo.example.com"], Assert.Single(wildcard.Config.Services!).Routes!.Single().Hosts);

        var none = Translate(Admitted(listeners, RouteTo("gw", hostnames: "hostnames: [\"bar.example.org\"]")), KicController);
        Assert.Null(none.Config.Services);

        var inherited = Translate(Admitted(listeners, RouteTo("gw", sectionName: "other")), KicController);
        Assert.Equal(["*.other.com"], Assert.Single(inherited.Config.Services!).Routes!.Single().Hosts);
    }

    [Fact]
    public void SectionNameAndPortMustMatchAListener()
    {
        const string listeners = "- {name: http, protocol: HTTP, port: 80}";
        Assert.Single(Translate(Admitted(listeners, RouteTo("gw", sectionName: "http")), KicController).Config.Services!);
        Assert.Null(Translate(Admitted(listeners, RouteTo("gw", sectionName: "nope")), KicController).Config.Services);
        // A TCP listener does not take HTTPRoutes.
        Assert.Null(Translate(Admitted("- {name: tcp, protocol: TCP, port: 80}", RouteTo("gw")), KicController).Config.Services);
    }

    [Theory]
    [InlineData("foo.example.com", "*.example.com", true)]
    [InlineData("a.b.example.com", "*.example.com", true)]
    [InlineData("example.com", "*.example.com", false)]
    [InlineData("foo.example.com", "foo.example.com", true)]
    [InlineData("foo.example.com", "bar.example.com", false)]
    [InlineData("*.example.com", "foo.example.com", true)]
    public void HostnameIntersection(string a, string b, bool intersect) => Assert.Equal(intersect, Hostnames.Intersect(a, b));
}
