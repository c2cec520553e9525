using KongDashboard.Core.Tests.Translation.GatewayApi;
using KongDashboard.Core.Translation;
using KongDashboard.Core.Views;
using static KongDashboard.Core.Tests.Translation.GatewayApi.GatewayApiYaml;
using static KongDashboard.Core.Tests.Translation.TranslationTestKit;

namespace KongDashboard.Core.Tests.Views;

/// <summary>Gateways with listeners and their routes, attached by the translator's admission or not, and why.</summary>
public sealed class GatewayApiViewsTests
{
    private static readonly TranslatorOptions Controller = new() { GatewayControllerName = KicController };

    private static string Route(string name, string parentRef, string status = "") =>
        HttpRoute(name, $$"""
            parentRefs: [{{parentRef}}]
            hostnames: [{{name}}.example.com]
            rules:
            - backendRefs:
              - {name: svc, kind: Service, port: 80}
            """) + (status.Length == 0 ? "" : "status:\n" + Indent(status, 2));

    private const string NoMatchingParent = """
        parents:
        - parentRef: {name: gw, namespace: default, sectionName: missing}
          controllerName: konghq.com/kic-gateway-controller
          conditions:
          - {type: Accepted, status: "False", reason: NoMatchingParent, message: no listener named missing, lastTransitionTime: "2024-01-01T00:00:00Z"}
        """;

    private const string ListenerStatus = """
        listeners:
        - name: http
          attachedRoutes: 1
          supportedKinds: [{group: gateway.networking.k8s.io, kind: HTTPRoute}]
          conditions: [{type: Programmed, status: "True", reason: Programmed, message: ok, lastTransitionTime: "2024-01-01T00:00:00Z"}]
        """;

    private static readonly string Cluster =
        GatewayClass("kong") + Gateway("gw", "kong", "- {name: http, protocol: HTTP, port: 80, hostname: \"*.example.com\"}", status: ListenerStatus)
        + GatewayApiYaml.Service("svc")
        + Route("good", "{name: gw}")
        + Route("lost", "{name: gw, sectionName: missing}", NoMatchingParent);

    [Fact]
    public void A_gateway_shows_its_listeners_with_the_written_attached_route_count()
    {
        var gateway = Assert.Single(GatewayApiViews.Build(Snapshot(Cluster), Controller));

        Assert.Equal("default/gw", gateway.Key.ToString());
        Assert.Equal("kong", gateway.GatewayClass);
        var listener = Assert.Single(gateway.Listeners);
        Assert.Equal(("http", "HTTP", 80, "*.example.com", 1), (listener.Name, listener.Protocol, listener.Port, listener.Hostname, listener.AttachedRoutes));
        Assert.Equal("Programmed", Assert.Single(listener.Conditions).Type);
    }

    [Fact]
    public void A_route_that_did_not_attach_says_why_from_its_written_status()
    {
        var gateway = Assert.Single(GatewayApiViews.Build(Snapshot(Cluster), Controller));

        // Positive control: the route on an existing listener is attached and has no reason.
        var good = Assert.Single(gateway.Routes, r => r.Route.Name == "good");
        Assert.True(good.Translated);
        Assert.Null(good.Why);
        var lost = Assert.Single(gateway.Routes, r => r.Route.Name == "lost");
        Assert.False(lost.Translated);
        Assert.Equal("missing", lost.SectionName);
        Assert.Equal("Accepted: NoMatchingParent — no listener named missing", lost.Why);
        Assert.Equal(1, gateway.AttachedCount);
    }

    [Fact]
    public void Without_written_status_the_reason_is_the_admission_verdict()
    {
        var cluster = GatewayClass("kong") + Gateway("gw", "kong", "- {name: http, protocol: HTTP, port: 80}") + GatewayApiYaml.Service("svc")
            + Route("lost", "{name: gw, sectionName: missing}");

        var lost = Assert.Single(Assert.Single(GatewayApiViews.Build(Snapshot(cluster), Controller)).Routes);

        Assert.False(lost.Translated);
        Assert.StartsWith("not admitted by this controller", lost.Why);
    }
}
